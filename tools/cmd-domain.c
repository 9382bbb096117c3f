/*
 * cmd-domain.c: domstate, domid, domname, domuuid.
 *
 * A domain argument is resolved as virsh resolves it: as an id first when
 * the whole word is a non-negative number, then as a UUID when it is 36
 * characters long, then as a name -- each command allowing only the kinds
 * virsh allows it (domid: uuid or name; domname: id or uuid; domuuid: id
 * or name; domstate: all three).
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-parse.h>
#include "domain-strings.h"
#include "table.h"
#include "tool.h"

enum {
    BY_ID = 1 << 0,
    BY_UUID = 1 << 1,
    BY_NAME = 1 << 2,
};

static bool
parseId(const char *s, int *id)
{
    long long v;

    if (vpParseLongLong(s, 0, INT_MAX, &v) < 0)
        return false;
    *id = (int) v;
    return true;
}

/* The domain named by the command's <domain> option; NULL after printing
 * virsh's "failed to get domain" message.  The caller frees the result. */
static virDomainPtr
lookupDomain(vpCtl *ctl, const vpCmd *cmd, unsigned int by)
{
    const char *arg = vpCmdOptString(cmd, "domain");
    virDomainPtr dom = NULL;
    int id;

    if (!arg)
        return NULL;
    if ((by & BY_ID) && parseId(arg, &id))
        dom = virDomainLookupByID(ctl->conn, id);
    if (!dom && (by & BY_UUID) && strlen(arg) == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(ctl->conn, arg);
    if (!dom && (by & BY_NAME))
        dom = virDomainLookupByName(ctl->conn, arg);
    /* like virsh, only the summary is printed, not the lookup error */
    virResetLastError();
    if (!dom)
        vpError("failed to get domain '%s'", arg);
    return dom;
}

bool
vpCmdDomState(vpCtl *ctl, const vpCmd *cmd)
{
    virDomainPtr dom = lookupDomain(ctl, cmd, BY_ID | BY_UUID | BY_NAME);
    int state, reason;
    bool ret = false;

    if (!dom)
        return false;
    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        vpReportLastError();
        goto cleanup;
    }
    if (vpCmdOptBool(cmd, "reason"))
        printf("%s (%s)\n", vpStateString(state), vpReasonString(state, reason));
    else
        printf("%s\n", vpStateString(state));
    ret = true;
 cleanup:
    virDomainFree(dom);
    return ret;
}

bool
vpCmdDomId(vpCtl *ctl, const vpCmd *cmd)
{
    virDomainPtr dom = lookupDomain(ctl, cmd, BY_UUID | BY_NAME);
    unsigned int id;

    if (!dom)
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int) -1)
        printf("-\n");
    else
        printf("%d\n", (int) id);
    virDomainFree(dom);
    return true;
}

bool
vpCmdDomName(vpCtl *ctl, const vpCmd *cmd)
{
    virDomainPtr dom = lookupDomain(ctl, cmd, BY_ID | BY_UUID);

    if (!dom)
        return false;
    vpPrintName(stdout, virDomainGetName(dom));
    putchar('\n');
    virDomainFree(dom);
    return true;
}

bool
vpCmdDomUUID(vpCtl *ctl, const vpCmd *cmd)
{
    virDomainPtr dom = lookupDomain(ctl, cmd, BY_ID | BY_NAME);
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool ret = false;

    if (!dom)
        return false;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vpError("failed to get domain UUID");
        vpReportLastError();
    } else {
        printf("%s\n", uuid);
        ret = true;
    }
    virDomainFree(dom);
    return ret;
}
