/*
 * cmd-misc.c: uri, version, help.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

bool
vpCmdUri(vpCtl *ctl, const vpCmd *cmd)
{
    char *uri = virConnectGetURI(ctl->conn);

    (void) cmd;
    if (!uri) {
        vpError("failed to get URI");
        vpReportLastError();
        return false;
    }
    printf("%s\n", uri);
    free(uri);
    return true;
}

static void
printVersion(const char *label, const char *what, unsigned long v)
{
    printf("%s: %s %lu.%lu.%lu\n", label, what,
           v / 1000000, (v / 1000) % 1000, v % 1000);
}

/* virsh's layout; "Using API" is the connection's type and the version
 * virGetVersion reports for it; there is no "Running hypervisor" line
 * because virtplug does not ask hypervisors for their version. */
bool
vpCmdVersion(vpCtl *ctl, const vpCmd *cmd)
{
    unsigned long libVer = 0, typeVer = 0;
    const char *type;

    (void) cmd;
    printVersion("Compiled against library", "virtplug", VIRTPLUG_VERSION_NUMBER);
    if (virGetVersion(&libVer, NULL, NULL) < 0) {
        vpError("failed to get the library version");
        vpReportLastError();
        return false;
    }
    printVersion("Using library", "virtplug", libVer);

    if (!ctl->conn)
        return true;
    if (!(type = virConnectGetType(ctl->conn))) {
        vpError("failed to get hypervisor type");
        vpReportLastError();
        return false;
    }
    if (virConnectGetLibVersion(ctl->conn, &typeVer) < 0) {
        vpError("failed to get the backend version");
        vpReportLastError();
        return false;
    }
    printVersion("Using API", type, typeVer);
    return true;
}

static void
printCommandHelp(const vpCmdDef *def)
{
    size_t i;

    printf("  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s", def->name, def->help,
           def->name);
    for (i = 0; def->opts[i].name; i++) {
        const vpOptDef *o = &def->opts[i];
        if (o->type == VP_OPT_BOOL)
            printf(" [--%s]", o->name);
        else if (o->required)
            printf(" <%s>", o->name);
        else
            printf(" [<%s>]", o->name);
    }
    printf("\n\n  DESCRIPTION\n    %s\n", def->desc);
    if (def->opts[0].name) {
        printf("\n  OPTIONS\n");
        for (i = 0; def->opts[i].name; i++) {
            const vpOptDef *o = &def->opts[i];
            char word[64];
            if (o->type == VP_OPT_BOOL)
                snprintf(word, sizeof(word), "--%s", o->name);
            else
                snprintf(word, sizeof(word), "[--%s] <string>", o->name);
            printf("    %-15s  %s\n", word, o->help);
        }
    }
    printf("\n");
}

bool
vpCmdHelp(vpCtl *ctl, const vpCmd *cmd)
{
    const char *name = vpCmdOptString(cmd, "command");
    const vpCmdDef *def;
    size_t i;

    (void) ctl;
    if (name) {
        if (!(def = vpCommandLookup(name))) {
            vpError("command or command group '%s' doesn't exist", name);
            return false;
        }
        printCommandHelp(def);
        return true;
    }
    printf("Usage: virtplug [-c URI] [-r] [-q] COMMAND [OPTIONS]\n\n"
           " Commands:\n");
    for (i = 0; vpCommands[i].name; i++)
        printf("    %-14s %s\n", vpCommands[i].name, vpCommands[i].help);
    printf("\n Global options:\n"
           "    -c, --connect URI   connect to URI (default: $VIRTPLUG_DEFAULT_URI\n"
           "                        or the first backend that finds its hypervisor)\n"
           "    -r, --readonly      accepted for virsh compatibility\n"
           "    -q, --quiet         quiet mode\n"
           "    -h, --help          this help\n"
           "    -v, --version       print the library version\n");
    return true;
}
