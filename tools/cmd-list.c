/*
 * cmd-list.c: `virtplug list`, virsh's `list` plus --json.
 *
 * One virConnectListAllDomains() call with the flags virsh would pass (see
 * list-flags.c), virsh's order (list-sort.c), then one line, table row or
 * JSON object per domain.  Unlike virsh there is no fallback to the older
 * listing calls: a backend that cannot tell a filter group apart makes the
 * command fail with the library's VIR_ERR_NO_SUPPORT message.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "domain-strings.h"
#include "list-flags.h"
#include "list-json.h"
#include "list-sort.h"
#include "table.h"
#include "tool.h"

const vpOptDef vpOptsList[] = {
    { "inactive", VP_OPT_BOOL, false, "list inactive domains" },
    { "all", VP_OPT_BOOL, false, "list inactive & active domains" },
    { "transient", VP_OPT_BOOL, false, "list transient domains" },
    { "persistent", VP_OPT_BOOL, false, "list persistent domains" },
    { "with-snapshot", VP_OPT_BOOL, false, "list domains with existing snapshot" },
    { "without-snapshot", VP_OPT_BOOL, false, "list domains without a snapshot" },
    { "with-checkpoint", VP_OPT_BOOL, false, "list domains with existing checkpoint" },
    { "without-checkpoint", VP_OPT_BOOL, false, "list domains without a checkpoint" },
    { "state-running", VP_OPT_BOOL, false, "list domains in running state" },
    { "state-paused", VP_OPT_BOOL, false, "list domains in paused state" },
    { "state-shutoff", VP_OPT_BOOL, false, "list domains in shutoff state" },
    { "state-other", VP_OPT_BOOL, false, "list domains in other states" },
    { "autostart", VP_OPT_BOOL, false, "list domains with autostart enabled" },
    { "no-autostart", VP_OPT_BOOL, false, "list domains with autostart disabled" },
    { "with-managed-save", VP_OPT_BOOL, false, "list domains with managed save state" },
    { "without-managed-save", VP_OPT_BOOL, false, "list domains without managed save" },
    { "uuid", VP_OPT_BOOL, false, "list uuid's only" },
    { "name", VP_OPT_BOOL, false, "list domain names only" },
    { "id", VP_OPT_BOOL, false, "list domain IDs only" },
    { "table", VP_OPT_BOOL, false, "list table (default)" },
    { "managed-save", VP_OPT_BOOL, false, "mark inactive domains with managed save state" },
    { "title", VP_OPT_BOOL, false, "show domain title" },
    { "json", VP_OPT_BOOL, false, "print a JSON array of domain objects" },
    { NULL, VP_OPT_BOOL, false, NULL },
};

static void
switchesFromCmd(const vpCmd *cmd, vpListSwitches *sw)
{
    sw->inactive = vpCmdOptBool(cmd, "inactive");
    sw->all = vpCmdOptBool(cmd, "all");
    sw->persistent = vpCmdOptBool(cmd, "persistent");
    sw->transient = vpCmdOptBool(cmd, "transient");
    sw->autostart = vpCmdOptBool(cmd, "autostart");
    sw->noAutostart = vpCmdOptBool(cmd, "no-autostart");
    sw->withSnapshot = vpCmdOptBool(cmd, "with-snapshot");
    sw->withoutSnapshot = vpCmdOptBool(cmd, "without-snapshot");
    sw->withCheckpoint = vpCmdOptBool(cmd, "with-checkpoint");
    sw->withoutCheckpoint = vpCmdOptBool(cmd, "without-checkpoint");
    sw->withManagedSave = vpCmdOptBool(cmd, "with-managed-save");
    sw->withoutManagedSave = vpCmdOptBool(cmd, "without-managed-save");
    sw->stateRunning = vpCmdOptBool(cmd, "state-running");
    sw->statePaused = vpCmdOptBool(cmd, "state-paused");
    sw->stateShutoff = vpCmdOptBool(cmd, "state-shutoff");
    sw->stateOther = vpCmdOptBool(cmd, "state-other");
    sw->managedSave = vpCmdOptBool(cmd, "managed-save");
    sw->name = vpCmdOptBool(cmd, "name");
    sw->uuid = vpCmdOptBool(cmd, "uuid");
    sw->id = vpCmdOptBool(cmd, "id");
    sw->table = vpCmdOptBool(cmd, "table");
    sw->title = vpCmdOptBool(cmd, "title");
    sw->json = vpCmdOptBool(cmd, "json");
}

/* The title, "" when the domain has none (or the backend cannot tell);
 * NULL (error left set) on any other failure.  The caller frees. */
static char *
domainTitle(virDomainPtr dom)
{
    char *title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    int code;

    if (title)
        return title;
    code = virGetLastErrorCode();
    if (code == VIR_ERR_NO_DOMAIN_METADATA || code == VIR_ERR_NO_SUPPORT) {
        virResetLastError();
        return calloc(1, 1);
    }
    return NULL;
}

static void
formatId(virDomainPtr dom, char *buf, size_t len)
{
    unsigned int id = virDomainGetID(dom);

    if (id == (unsigned int) -1)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%d", (int) id);   /* virsh prints it signed */
}

static bool
printTable(vpCtl *ctl, const vpListMode *mode, virDomainPtr *doms, int n)
{
    const char *header[5] = { "Id", "Name", "State", NULL, NULL };
    size_t ncols = 3;
    vpTable *table;
    bool ret = false;
    int i;

    if (mode->title)
        header[ncols++] = "Title";
    /* virsh 9.0 rejects --table with --uuid, so this column cannot appear
     * today; it is kept because virsh still has the code for it */
    if (mode->uuid)
        header[ncols++] = "UUID";
    if (!(table = vpTableNew(ncols, header))) {
        vpError("out of memory");
        return false;
    }

    for (i = 0; i < n; i++) {
        virDomainPtr dom = doms[i];
        char idbuf[32];
        char uuid[VIR_UUID_STRING_BUFLEN];
        const char *cells[5] = { idbuf, virDomainGetName(dom), NULL, NULL, NULL };
        char *title = NULL;
        size_t c = 3;
        int state, reason;

        formatId(dom, idbuf, sizeof(idbuf));
        /* a domain that vanished since the listing is skipped, as in virsh */
        if (virDomainGetState(dom, &state, &reason, 0) < 0) {
            virResetLastError();
            continue;
        }
        if (mode->managedSave && state == VIR_DOMAIN_SHUTOFF &&
            virDomainHasManagedSaveImage(dom, 0) > 0)
            cells[2] = "saved";
        else
            cells[2] = vpStateString(state);
        virResetLastError();

        if (mode->title) {
            if (!(title = domainTitle(dom))) {
                /* virsh gives up on the listing and says why. */
                vpReportLastError();
                goto cleanup;
            }
            cells[c++] = title;
        }
        if (mode->uuid) {
            if (virDomainGetUUIDString(dom, uuid) < 0) {
                vpError("Failed to get domain's UUID");
                free(title);
                goto cleanup;
            }
            cells[c++] = uuid;
        }
        if (vpTableAppend(table, cells) < 0) {
            free(title);
            vpError("out of memory");
            goto cleanup;
        }
        free(title);
    }

    /* Written row by row: a copy of the whole table as one string would
     * cost as much memory again. */
    vpTableWrite(table, !ctl->quiet, stdout);
    ret = true;

 cleanup:
    vpTableFree(table);
    return ret;
}

static bool
printLines(const vpListMode *mode, virDomainPtr *doms, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        const char *sep = "";
        char idbuf[32];
        char uuid[VIR_UUID_STRING_BUFLEN];

        formatId(doms[i], idbuf, sizeof(idbuf));
        if (mode->uuid) {
            if (virDomainGetUUIDString(doms[i], uuid) < 0) {
                vpError("Failed to get domain's UUID");
                return false;
            }
            fputs(uuid, stdout);
            sep = " ";
        }
        if (mode->id) {
            /* --id alone shows only running domains */
            if (idbuf[0] == '-' && !mode->uuid && !mode->name)
                continue;
            printf("%s%s", sep, idbuf);
            sep = " ";
        }
        if (mode->name) {
            fputs(sep, stdout);
            vpPrintName(stdout, virDomainGetName(doms[i]));
        }
        putchar('\n');
    }
    return true;
}

bool
vpCmdList(vpCtl *ctl, const vpCmd *cmd)
{
    vpListSwitches sw = { 0 };
    vpListMode mode;
    virDomainPtr *doms = NULL;
    const char *err = NULL;
    bool ret;
    int n, i;

    switchesFromCmd(cmd, &sw);
    if (vpListModeBuild(&sw, &mode, &err) < 0) {
        vpError("%s", err);
        return false;
    }

    if ((n = virConnectListAllDomains(ctl->conn, &doms, mode.flags)) < 0) {
        vpError("Failed to list domains");
        vpReportLastError();
        return false;
    }
    vpListSort(doms, (size_t) n);

    if (mode.json)
        ret = vpListPrintJson(doms, n);
    else if (mode.table)
        ret = printTable(ctl, &mode, doms, n);
    else
        ret = printLines(&mode, doms, n);

    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    if (!ret)
        vpReportLastError();
    return ret;
}
