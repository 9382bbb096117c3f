/*
 * filter.c: the one listing engine behind every backend.
 *
 * The flags are checked here (unknown bits, groups the backend cannot tell
 * apart), the backend is asked only for the attributes the flags need, and
 * libvirt's predicate is applied to what it returns.  A backend may report
 * more domains than match; it may not leave a needed attribute out.
 */
#include <config.h>

#include <stdlib.h>

#include <string.h>

#include "connect.h"
#include "domain-sink.h"
#include "driver-errors.h"
#include "errors.h"
#include "filter.h"
#include "host-table.h"

/* The filter groups, indexed by the position of the group's ATTR bit. */
static const virtplugFilterGroup filterGroups[] = {
    VIRTPLUG_FILTER_GROUPS(VIRTPLUG_FILTER_GROUP_ROW)
};

#define VP_NGROUPS (sizeof(filterGroups) / sizeof(filterGroups[0]))

unsigned int
vpFilterGroups(unsigned int flags)
{
    unsigned int groups = 0;
    size_t i;

    for (i = 0; i < VP_NGROUPS; i++) {
        if (flags & filterGroups[i].flags)
            groups |= filterGroups[i].attr;
    }
    return groups;
}

unsigned int
vpFilterNeed(unsigned int flags)
{
    return VIRTPLUG_ATTR_ACTIVE | vpFilterGroups(flags);
}

int
vpFilterCheck(const virtplugBackend *backend, unsigned int flags,
              const char *func)
{
    unsigned int missing;
    size_t i;

    const char *drv = vpBackendDriverPrefix(backend);

    /* libvirt checks flags in the driver, so the message names the
     * driver's function (qemuConnectListAllDomains). */
    if ((flags & ~VP_LIST_FLAGS_ALL) && drv && strncmp(func, "vir", 3) == 0) {
        vpErrorReportPlain(vpBackendErrorDomain(backend), VIR_ERR_INVALID_ARG,
                           "unsupported flags (0x%x) in function %s%s",
                           flags & ~VP_LIST_FLAGS_ALL, drv, func + 3);
        return -1;
    }
    if (vpCheckFlags(flags, VP_LIST_FLAGS_ALL, func) < 0)
        return -1;
    missing = vpFilterGroups(flags) & ~backend->groups;
    for (i = 0; i < VP_NGROUPS; i++) {
        if (missing & filterGroups[i].attr) {
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT,
                          "the %s backend cannot tell %s", backend->name,
                          filterGroups[i].cannot);
            return -1;
        }
    }
    return 0;
}

static bool
vpFilterPick(unsigned int flags, unsigned int yes, unsigned int no,
             bool value)
{
    if (!(flags & (yes | no)))
        return true;
    return value ? (flags & yes) != 0 : (flags & no) != 0;
}

bool
vpFilterMatch(const virtplugDomainInfo *info, unsigned int flags)
{
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_ACTIVE,
                      VIR_CONNECT_LIST_DOMAINS_INACTIVE, info->active))
        return false;
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
                      VIR_CONNECT_LIST_DOMAINS_TRANSIENT, info->persistent))
        return false;
    if (flags & VIRTPLUG_GROUP_FLAGS_STATE) {
        unsigned int bit;
        switch (info->state) {
        case VIR_DOMAIN_RUNNING:
            bit = VIR_CONNECT_LIST_DOMAINS_RUNNING;
            break;
        case VIR_DOMAIN_PAUSED:
            bit = VIR_CONNECT_LIST_DOMAINS_PAUSED;
            break;
        case VIR_DOMAIN_SHUTOFF:
            bit = VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
            break;
        default:
            bit = VIR_CONNECT_LIST_DOMAINS_OTHER;
            break;
        }
        if (!(flags & bit))
            return false;
    }
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
                      VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
                      info->managed_save))
        return false;
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
                      VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, info->autostart))
        return false;
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT,
                      VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
                      info->snapshots > 0))
        return false;
    if (!vpFilterPick(flags, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT,
                      VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
                      info->checkpoints > 0))
        return false;
    return true;
}

static const char *
vpAttrName(unsigned int attr)
{
    size_t i;

    for (i = 0; i < sizeof(filterGroups) / sizeof(filterGroups[0]); i++) {
        if (filterGroups[i].attr == attr)
            return filterGroups[i].name;
    }
    switch (attr) {
    case VIRTPLUG_ATTR_TITLE: return "title";
    case VIRTPLUG_ATTR_DESCRIPTION: return "description";
    default: return "attribute";
    }
}

/* Checks that a backend filled in what it was asked for. */
int
vpFilterCheckRecord(const virtplugBackend *backend,
                    const virtplugDomainRecord *rec, unsigned int need)
{
    unsigned int missing = need & ~rec->info.known;
    unsigned int bit;

    if (!missing)
        return 0;
    for (bit = 1; !(missing & bit); bit <<= 1)
        ;
    vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                  "the %s backend did not report the %s attribute of "
                  "domain '%s'", backend->name, vpAttrName(bit), rec->name);
    return -1;
}

int
vpFilterCollect(virConnectPtr conn, unsigned int flags,
                virtplugDomainSink *sink, const char *func)
{
    const virtplugBackend *backend = vpConnectBackend(conn);
    size_t i, kept = 0;

    if (vpFilterCheck(backend, flags, func) < 0)
        return -1;
    if (backend->listAllDomains(&vpHostTable, conn->priv, flags, sink) < 0) {
        if (!virGetLastError())
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                          "the %s backend failed to list domains",
                          backend->name);
        return -1;
    }
    /* Compact the matching records to the front, keeping backend order. */
    for (i = 0; i < sink->nrecs; i++) {
        virtplugDomainRecord *rec = sink->recs[i];
        if (vpFilterCheckRecord(backend, rec, sink->need) < 0)
            return -1;
        if (vpFilterMatch(&rec->info, flags)) {
            sink->recs[i] = sink->recs[kept];
            sink->recs[kept++] = rec;
        }
    }
    /* Non-matching records stay owned by the sink past `kept`; callers
     * read only the first `kept` and vpSinkClear frees all. */
    return (int)kept;
}
