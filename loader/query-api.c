/*
 * query-api.c: the per-domain questions (name, id, state, ...).
 *
 * Identity (name, UUID, id) always comes from the handle.  The rest comes
 * from the handle when the backend filled it in at creation, else from one
 * backend lookup (see vpDomainGetInfo).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "connect.h"
#include "domain.h"
#include "driver-errors.h"
#include "errors.h"
#include "vp-export.h"
#include "vp-uuid.h"

static int
vpQueryBegin(virDomainPtr dom, const char *func)
{
    virResetLastError();
    if (vpDomainAcquire(dom, func) < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}

static int
vpQueryFail(virDomainPtr dom)
{
    vpErrorDispatch(dom->conn);
    vpDomainRelease(dom);
    return -1;
}

/* Reads attributes; a group the backend cannot tell is NO_SUPPORT, as a
 * libvirt driver without the API reports it. */
static int
vpQueryInfo(virDomainPtr dom, unsigned int attrs, const char *func,
            virtplugDomainInfo *info)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);

    if (attrs & VIRTPLUG_GROUPS_ALL & ~backend->groups) {
        vpErrorReport(vpBackendErrorDomain(backend), VIR_ERR_NO_SUPPORT,
                      "%s", func);
        return -1;
    }
    return vpDomainGetInfo(dom, attrs, info, NULL);
}

VP_PUBLIC virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    virConnectPtr conn;

    if (vpQueryBegin(domain, "virDomainGetConnect") < 0)
        return NULL;
    conn = domain->conn;
    vpDomainRelease(domain);
    return conn;
}

VP_PUBLIC const char *
virDomainGetName(virDomainPtr domain)
{
    const char *name;

    if (vpQueryBegin(domain, "virDomainGetName") < 0)
        return NULL;
    name = domain->name;       /* lives as long as the caller's reference */
    vpDomainRelease(domain);
    return name;
}

VP_PUBLIC unsigned int
virDomainGetID(virDomainPtr domain)
{
    virtplugDomainInfo info;
    unsigned int id;

    if (vpQueryBegin(domain, "virDomainGetID") < 0)
        return (unsigned int)-1;
    if (vpQueryInfo(domain, VIRTPLUG_ATTR_ACTIVE, "virDomainGetID",
                    &info) < 0) {
        vpQueryFail(domain);
        return (unsigned int)-1;
    }
    id = info.active ? (unsigned int)info.id : (unsigned int)-1;
    vpDomainRelease(domain);
    return id;
}

VP_PUBLIC int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    if (vpQueryBegin(domain, "virDomainGetUUID") < 0)
        return -1;
    if (!uuid) {
        vpReportInvalidArg("%s in %s must not be NULL", "uuid",
                           "virDomainGetUUID");
        return vpQueryFail(domain);
    }
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    vpDomainRelease(domain);
    return 0;
}

VP_PUBLIC int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    if (vpQueryBegin(domain, "virDomainGetUUIDString") < 0)
        return -1;
    if (!buf) {
        vpReportInvalidArg("%s in %s must not be NULL", "buf",
                           "virDomainGetUUIDString");
        return vpQueryFail(domain);
    }
    vpUUIDFormat(domain->uuid, buf);
    vpDomainRelease(domain);
    return 0;
}

/* Body of the calls that return one boolean attribute. */
static int
vpQueryBool(virDomainPtr domain, unsigned int attr, const char *func)
{
    virtplugDomainInfo info;
    int ret;

    if (vpQueryBegin(domain, func) < 0)
        return -1;
    if (vpQueryInfo(domain, attr, func, &info) < 0)
        return vpQueryFail(domain);
    switch (attr) {
    case VIRTPLUG_ATTR_ACTIVE: ret = info.active; break;
    case VIRTPLUG_ATTR_PERSISTENT: ret = info.persistent; break;
    case VIRTPLUG_ATTR_MANAGEDSAVE: ret = info.managed_save; break;
    default: ret = info.autostart; break;
    }
    vpDomainRelease(domain);
    return ret ? 1 : 0;
}

VP_PUBLIC int
virDomainIsActive(virDomainPtr domain)
{
    return vpQueryBool(domain, VIRTPLUG_ATTR_ACTIVE, "virDomainIsActive");
}

VP_PUBLIC int
virDomainIsPersistent(virDomainPtr domain)
{
    return vpQueryBool(domain, VIRTPLUG_ATTR_PERSISTENT,
                       "virDomainIsPersistent");
}

VP_PUBLIC int
virDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    if (flags) {
        virResetLastError();
        if (vpDomainAcquire(domain, "virDomainHasManagedSaveImage") < 0) {
            vpErrorDispatchTo(NULL);
            return -1;
        }
        vpCheckFlags(flags, 0, "virDomainHasManagedSaveImage");
        return vpQueryFail(domain);
    }
    return vpQueryBool(domain, VIRTPLUG_ATTR_MANAGEDSAVE,
                       "virDomainHasManagedSaveImage");
}

VP_PUBLIC int
virDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    int ret;

    if (!autostart) {
        if (vpQueryBegin(domain, "virDomainGetAutostart") < 0)
            return -1;
        vpReportInvalidArg("%s in %s must not be NULL", "autostart",
                           "virDomainGetAutostart");
        return vpQueryFail(domain);
    }
    if ((ret = vpQueryBool(domain, VIRTPLUG_ATTR_AUTOSTART,
                           "virDomainGetAutostart")) < 0)
        return -1;
    *autostart = ret;
    return 0;
}

VP_PUBLIC int
virDomainGetState(virDomainPtr domain, int *state, int *reason,
                  unsigned int flags)
{
    virtplugDomainInfo info;

    if (vpQueryBegin(domain, "virDomainGetState") < 0)
        return -1;
    if (vpCheckFlags(flags, 0, "virDomainGetState") < 0)
        return vpQueryFail(domain);
    if (!state) {
        vpReportInvalidArg("%s in %s must not be NULL", "state",
                           "virDomainGetState");
        return vpQueryFail(domain);
    }
    if (vpQueryInfo(domain, VIRTPLUG_ATTR_STATE, "virDomainGetState",
                    &info) < 0)
        return vpQueryFail(domain);
    *state = info.state;
    if (reason)
        *reason = info.reason;
    vpDomainRelease(domain);
    return 0;
}

VP_PUBLIC int
virDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    virtplugDomainInfo info;

    if (vpQueryBegin(domain, "virDomainSnapshotNum") < 0)
        return -1;
    if (vpCheckFlags(flags, 0, "virDomainSnapshotNum") < 0 ||
        vpQueryInfo(domain, VIRTPLUG_ATTR_SNAPSHOT, "virDomainSnapshotNum",
                    &info) < 0)
        return vpQueryFail(domain);
    vpDomainRelease(domain);
    return info.snapshots > 0 ? info.snapshots : 0;
}

VP_PUBLIC int
virDomainListAllCheckpoints(virDomainPtr domain,
                            virDomainCheckpointPtr **checkpoints,
                            unsigned int flags)
{
    virtplugDomainInfo info;

    if (vpQueryBegin(domain, "virDomainListAllCheckpoints") < 0)
        return -1;
    if (checkpoints) {
        *checkpoints = NULL;
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s",
                      "virDomainListAllCheckpoints");
        return vpQueryFail(domain);
    }
    if (vpCheckFlags(flags, 0, "virDomainListAllCheckpoints") < 0 ||
        vpQueryInfo(domain, VIRTPLUG_ATTR_CHECKPOINT,
                    "virDomainListAllCheckpoints", &info) < 0)
        return vpQueryFail(domain);
    vpDomainRelease(domain);
    return info.checkpoints > 0 ? info.checkpoints : 0;
}

/* libvirt's VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG. */
#define VP_METADATA_FLAGS 0x3u

VP_PUBLIC char *
virDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                     unsigned int flags)
{
    unsigned int attr;
    char *text = NULL;

    if (vpQueryBegin(domain, "virDomainGetMetadata") < 0)
        return NULL;
    if (vpCheckFlags(flags, VP_METADATA_FLAGS, "virDomainGetMetadata") < 0)
        goto error;
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        attr = VIRTPLUG_ATTR_TITLE;
        break;
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        attr = VIRTPLUG_ATTR_DESCRIPTION;
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s",
                      "virDomainGetMetadata");
        goto error;
    default:
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                      "unknown metadata type '%d'", type);
        goto error;
    }
    if (uri) {
        vpReportInvalidArg("%s in %s must be NULL", "uri",
                           "virDomainGetMetadata");
        goto error;
    }
    if (vpDomainGetInfo(domain, attr, NULL, &text) < 0)
        goto error;
    if (!text) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_DOMAIN_METADATA, "%s",
                      "Requested metadata element is not present");
        goto error;
    }
    vpDomainRelease(domain);
    return text;

 error:
    vpQueryFail(domain);
    return NULL;
}
