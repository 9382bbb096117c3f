/*
 * cmd-backends.c: `virtplug backends`, what the loader found in its
 * backend directory: for each module its path, then either its name, ABI
 * version, URI schemes and filter groups, or why it was skipped.
 */
#include <config.h>

#include <stdio.h>

#include <virtplug/virtplug-backends.h>

#include "tool.h"

static void
printGroups(unsigned int groups)
{
    const char *sep = "";
    unsigned int bit;

    for (bit = 0; bit < 32; bit++) {
        const char *name;
        if (!(groups & (1u << bit)))
            continue;
        name = virtplugGroupName(1u << bit);
        if (name)
            printf("%s%s", sep, name);
        else
            printf("%s0x%x", sep, 1u << bit);
        sep = ", ";
    }
    if (!*sep)
        printf("none");
    printf("\n");
}

bool
vpCmdBackends(vpCtl *ctl, const vpCmd *cmd)
{
    virtplugBackendInfo *info = NULL;
    int n, i;
    const char *dir = virtplugGetBackendDir();

    (void) ctl;
    (void) cmd;
    if ((n = virtplugGetBackends(&info)) < 0) {
        vpError("failed to list backends");
        vpReportLastError();
        return false;
    }
    printf("Backend directory: %s\n", dir ? dir : "(unknown)");
    for (i = 0; i < n; i++) {
        const virtplugBackendInfo *b = &info[i];
        size_t s;

        printf("\n%s\n", b->path ? b->path : "(unknown path)");
        if (b->error) {
            printf("  skipped: %s\n", b->error);
            continue;
        }
        printf("  name:    %s\n", b->name ? b->name : "");
        printf("  abi:     %u\n", b->abi);
        printf("  schemes:");
        for (s = 0; b->schemes && b->schemes[s]; s++)
            printf("%s%s", s ? ", " : " ", b->schemes[s]);
        printf("\n  groups:  ");
        printGroups(b->groups);
    }
    if (n == 0)
        printf("(no backend modules found)\n");
    virtplugFreeBackends(info, n);
    return true;
}
