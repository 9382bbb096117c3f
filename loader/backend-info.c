/*
 * backend-info.c: the virtplugGetBackends() extension: what the loader
 * found in the backend directory, for `virtplug backends`.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/virtplug-backends.h>
#include "errors.h"
#include "module-loader.h"
#include "vp-export.h"

static const virtplugFilterGroup groups[] = {
    VIRTPLUG_FILTER_GROUPS(VIRTPLUG_FILTER_GROUP_ROW)
};

VP_PUBLIC const char *
virtplugGroupName(unsigned int group)
{
    size_t i;

    for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        if (group == groups[i].attr)
            return groups[i].name;
    }
    return NULL;
}

VP_PUBLIC const char *
virtplugGetBackendDir(void)
{
    return vpModuleDir();
}

static int
vpBackendInfoFill(virtplugBackendInfo *info, const vpModule *mod)
{
    size_t n, i;

    info->abi = mod->abi;
    if (!(info->path = strdup(mod->path)))
        return -1;
    if (!mod->loaded)
        return (info->error = strdup(mod->error ? mod->error : "skipped")) ?
            0 : -1;

    info->groups = mod->desc.groups;
    if (!(info->name = strdup(mod->name)))
        return -1;
    for (n = 0; mod->desc.uri_schemes[n]; n++)
        ;
    if (!(info->schemes = calloc(n + 1, sizeof(char *))))
        return -1;
    for (i = 0; i < n; i++) {
        if (!(info->schemes[i] = strdup(mod->desc.uri_schemes[i])))
            return -1;
    }
    return 0;
}

VP_PUBLIC int
virtplugGetBackends(virtplugBackendInfo **info)
{
    const vpModule *mods;
    size_t n, i;
    virtplugBackendInfo *ret;

    virResetLastError();
    if (!info) {
        vpReportInvalidArg("%s in %s must not be NULL", "info",
                           "virtplugGetBackends");
        goto error;
    }
    *info = NULL;
    mods = vpModulesGet(&n);
    if (!(ret = calloc(n + 1, sizeof(*ret)))) {
        vpErrorReportOOM();
        goto error;
    }
    for (i = 0; i < n; i++) {
        if (vpBackendInfoFill(&ret[i], &mods[i]) < 0) {
            virtplugFreeBackends(ret, (int)n);
            vpErrorReportOOM();
            goto error;
        }
    }
    *info = ret;
    return (int)n;

 error:
    vpErrorDispatchTo(NULL);
    return -1;
}

VP_PUBLIC void
virtplugFreeBackends(virtplugBackendInfo *info, int n)
{
    int i;
    size_t j;

    if (!info)
        return;
    for (i = 0; i < n; i++) {
        free(info[i].path);
        free(info[i].name);
        free(info[i].error);
        if (info[i].schemes) {
            for (j = 0; info[i].schemes[j]; j++)
                free(info[i].schemes[j]);
            free(info[i].schemes);
        }
    }
    free(info);
}
