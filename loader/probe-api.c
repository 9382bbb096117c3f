/*
 * probe-api.c: the virtplugProbeURIs() extension: the default URI of every
 * loaded backend whose probe finds its hypervisor on this host, so that a
 * caller can cover the whole host (virConnectOpen(NULL) stops at the
 * first).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/virtplug-backends.h>
#include "errors.h"
#include "host-table.h"
#include "module-loader.h"
#include "probe-api.h"
#include "vp-export.h"

static void
vpFreeURIs(char **uris, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(uris[i]);
    free(uris);
}

const vpModule *
vpProbeNext(const vpModule *mods, size_t n, bool *tried)
{
    const vpModule *best = NULL;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!mods[i].loaded || !mods[i].desc.probe || tried[i])
            continue;
        if (!best || mods[i].desc.probe_priority < best->desc.probe_priority)
            best = &mods[i];
    }
    if (best)
        tried[best - mods] = true;
    return best;
}

VP_PUBLIC int
virtplugProbeURIs(char ***uris)
{
    const vpModule *mods;
    const vpModule *best;
    bool *done = NULL;
    char **ret = NULL;
    size_t n, found = 0;

    virResetLastError();
    if (!uris) {
        vpReportInvalidArg("%s in %s must not be NULL", "uris",
                           "virtplugProbeURIs");
        goto error;
    }
    *uris = NULL;
    mods = vpModulesGet(&n);
    if (!(done = calloc(n + 1, sizeof(*done))) ||
        !(ret = calloc(n + 1, sizeof(*ret))))
        goto nomem;

    /* The order virConnectOpen(NULL) tries them in. */
    while ((best = vpProbeNext(mods, n, done))) {
        if (!best->desc.probe_uri)
            continue;
        if (best->desc.probe(&vpHostTable, best->desc.data) != 1)
            continue;
        if (!(ret[found] = strdup(best->desc.probe_uri)))
            goto nomem;
        found++;
    }
    free(done);
    *uris = ret;
    return (int)found;

 nomem:
    vpErrorReportOOM();
    free(done);
    if (ret)
        vpFreeURIs(ret, found);
 error:
    vpErrorDispatchTo(NULL);
    return -1;
}
