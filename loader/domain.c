/*
 * domain.c: domain handles: creation from backend records, reference
 * counting, lookups, and on-demand attributes.
 *
 * A handle is a snapshot: it answers from what the backend knew when the
 * handle was made, and asks the backend (by UUID and name) only for an
 * attribute it does not have yet, once, then keeps the answer.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "connect.h"
#include "domain-sink.h"
#include "domain.h"
#include "driver-errors.h"
#include "errors.h"
#include "filter.h"
#include "handle-registry.h"
#include "host-table.h"
#include "vp-export.h"
#include "vp-uuid.h"

/* The locks that guard the handles' info, title and description: a handle
 * uses the one its address picks.  A mutex in every handle would be 40
 * bytes of each of 100,000 handles; two handles that share a lock only
 * wait for each other while one of them asks its backend. */
#define VP_DOMAIN_LOCKS 64
static pthread_mutex_t vpDomainLocks[VP_DOMAIN_LOCKS] = {
#define VP_L4 PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, \
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER
#define VP_L16 VP_L4, VP_L4, VP_L4, VP_L4
    VP_L16, VP_L16, VP_L16, VP_L16
#undef VP_L16
#undef VP_L4
};

static pthread_mutex_t *
vpDomainLock(virDomainPtr dom)
{
    uintptr_t v = (uintptr_t)dom;

    return &vpDomainLocks[(v >> 4 ^ v >> 10) % VP_DOMAIN_LOCKS];
}

/* Fills the rest of dom (its strings are set) and registers it.  Returns
 * false when out of memory; then dom's strings are the caller's. */
static bool
vpDomainRegister(virConnectPtr conn, virDomainPtr dom,
                 const virtplugDomainRecord *rec)
{
    memcpy(dom->uuid, rec->uuid, VIR_UUID_BUFLEN);
    dom->info = rec->info;
    dom->info.known &= VIRTPLUG_ATTRS_ALL;
    if (!(dom->info.known & VIRTPLUG_ATTR_ACTIVE))
        dom->info.id = -1;
    dom->refs = 1;
    dom->conn = conn;

    vpRegistryLock();
    if (vpRegistryAdd(dom, VP_HANDLE_DOMAIN) < 0) {
        vpRegistryUnlock();
        return false;
    }
    conn->refs++;              /* the caller holds one, so conn is live */
    vpRegistryUnlock();
    return true;
}

virDomainPtr
vpDomainNew(virConnectPtr conn, const virtplugDomainRecord *rec)
{
    virDomainPtr dom = calloc(1, sizeof(*dom));

    if (!dom)
        return NULL;
    if (!(dom->name = strdup(rec->name)) ||
        (rec->title && !(dom->title = strdup(rec->title))) ||
        (rec->description && !(dom->description = strdup(rec->description))) ||
        !vpDomainRegister(conn, dom, rec)) {
        free(dom->name);
        free(dom->title);
        free(dom->description);
        free(dom);
        return NULL;
    }
    return dom;
}

virDomainPtr
vpDomainNewTake(virConnectPtr conn, virtplugDomainRecord *rec)
{
    virDomainPtr dom = calloc(1, sizeof(*dom));

    if (!dom)
        return NULL;
    dom->name = rec->name;
    dom->title = rec->title;
    dom->description = rec->description;
    if (!vpDomainRegister(conn, dom, rec)) {
        free(dom);
        return NULL;
    }
    rec->name = rec->title = rec->description = NULL;
    return dom;
}

int
vpDomainAcquire(virDomainPtr dom, const char *func)
{
    int ok;

    vpRegistryLock();
    if ((ok = vpRegistryHas(dom, VP_HANDLE_DOMAIN) && dom->refs > 0))
        dom->refs++;
    vpRegistryUnlock();
    if (!ok) {
        vpErrorReport(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, "%s", func);
        return -1;
    }
    return 0;
}

static void
vpDomainDestroy(virDomainPtr dom)
{
    virConnectPtr conn = dom->conn;

    free(dom->name);
    free(dom->title);
    free(dom->description);
    free(dom);
    vpConnectRelease(conn);
}

/* Drops one reference if dom is live (check and drop in one step); returns
 * the references left or -1. */
static int
vpDomainUnref(virDomainPtr dom)
{
    int left = -1;

    vpRegistryLock();
    if (vpRegistryHas(dom, VP_HANDLE_DOMAIN) && dom->refs > 0) {
        left = --dom->refs;
        if (left == 0)
            vpRegistryRemove(dom);
    }
    vpRegistryUnlock();
    if (left == 0)
        vpDomainDestroy(dom);
    return left;
}

void
vpDomainRelease(virDomainPtr dom)
{
    vpDomainUnref(dom);
}

/* Copies the attributes in `bits` from src to dst. */
static void
vpInfoMerge(virtplugDomainInfo *dst, const virtplugDomainInfo *src,
            unsigned int bits)
{
    if (bits & VIRTPLUG_ATTR_ACTIVE) {
        dst->active = src->active;
        dst->id = src->active ? src->id : -1;
    }
    if (bits & VIRTPLUG_ATTR_PERSISTENT)
        dst->persistent = src->persistent;
    if (bits & VIRTPLUG_ATTR_STATE) {
        dst->state = src->state;
        dst->reason = src->reason;
    }
    if (bits & VIRTPLUG_ATTR_MANAGEDSAVE)
        dst->managed_save = src->managed_save;
    if (bits & VIRTPLUG_ATTR_AUTOSTART)
        dst->autostart = src->autostart;
    if (bits & VIRTPLUG_ATTR_SNAPSHOT)
        dst->snapshots = src->snapshots;
    if (bits & VIRTPLUG_ATTR_CHECKPOINT)
        dst->checkpoints = src->checkpoints;
    dst->known |= bits;
}

/* Asks the backend for `missing`; the domain's lock held. */
static int
vpDomainFetch(virDomainPtr dom, unsigned int missing)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);
    virtplugDomainSink sink;
    virtplugDomainKey key;
    virtplugDomainRecord *rec = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    int rc;
    int ret = -1;
    size_t i;

    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_UUID;
    key.name = dom->name;
    memcpy(key.uuid, dom->uuid, VIR_UUID_BUFLEN);
    key.id = dom->info.id;

    vpSinkInit(&sink, missing);
    rc = backend->lookup(&vpHostTable, dom->conn->priv, &key, &sink);
    if (rc < 0) {
        if (!virGetLastError())
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                          "the %s backend failed to look up domain '%s'",
                          backend->name, dom->name);
        goto cleanup;
    }
    for (i = 0; rc > 0 && i < sink.nrecs; i++) {
        if (memcmp(sink.recs[i]->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0) {
            rec = sink.recs[i];
            break;
        }
    }
    if (!rec) {
        vpUUIDFormat(dom->uuid, uuidstr);
        vpErrorReport(vpBackendErrorDomain(backend), VIR_ERR_NO_DOMAIN,
                      "no domain with matching uuid '%s' (%s)", uuidstr,
                      dom->name);
        goto cleanup;
    }
    if (vpFilterCheckRecord(backend, rec, missing) < 0)
        goto cleanup;

    if (missing & VIRTPLUG_ATTR_TITLE) {
        free(dom->title);
        dom->title = rec->title;
        rec->title = NULL;
    }
    if (missing & VIRTPLUG_ATTR_DESCRIPTION) {
        free(dom->description);
        dom->description = rec->description;
        rec->description = NULL;
    }
    vpInfoMerge(&dom->info, &rec->info,
                missing & (VIRTPLUG_GROUPS_ALL));
    dom->info.known |= missing;
    ret = 0;

 cleanup:
    vpSinkClear(&sink);
    return ret;
}

int
vpDomainGetInfo(virDomainPtr dom, unsigned int attrs,
                virtplugDomainInfo *info, char **text)
{
    unsigned int missing;
    int ret = 0;

    pthread_mutex_lock(vpDomainLock(dom));
    missing = attrs & ~dom->info.known;
    if (missing && vpDomainFetch(dom, missing) < 0)
        ret = -1;
    if (ret == 0 && info)
        *info = dom->info;
    if (ret == 0 && text) {
        const char *src = attrs == VIRTPLUG_ATTR_TITLE ? dom->title :
                          attrs == VIRTPLUG_ATTR_DESCRIPTION ?
                          dom->description : NULL;
        *text = NULL;
        if (src && !(*text = strdup(src))) {
            vpErrorReportOOM();
            ret = -1;
        }
    }
    pthread_mutex_unlock(vpDomainLock(dom));
    return ret;
}

/* ---- lookups ------------------------------------------------------------- */

static virDomainPtr
vpDomainLookup(virConnectPtr conn, const virtplugDomainKey *key)
{
    const virtplugBackend *backend = vpConnectBackend(conn);
    virtplugDomainSink sink;
    virDomainPtr dom = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    int rc;

    vpSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE);
    if ((rc = backend->lookup(&vpHostTable, conn->priv, key, &sink)) < 0) {
        if (!virGetLastError())
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                          "the %s backend failed to look up a domain",
                          backend->name);
        goto cleanup;
    }
    if (rc == 0 || sink.nrecs == 0) {
        int from = vpBackendErrorDomain(backend);

        if (vpBackendTerseLookup(backend)) {
            vpErrorReport(from, VIR_ERR_NO_DOMAIN, NULL);
            goto cleanup;
        }
        switch (key->type) {
        case VIRTPLUG_KEY_NAME:
            vpErrorReport(from, VIR_ERR_NO_DOMAIN,
                          "no domain with matching name '%s'", key->name);
            break;
        case VIRTPLUG_KEY_UUID:
            vpUUIDFormat(key->uuid, uuidstr);
            vpErrorReport(from, VIR_ERR_NO_DOMAIN,
                          "no domain with matching uuid '%s'", uuidstr);
            break;
        case VIRTPLUG_KEY_ID:
        default:
            vpErrorReport(from, VIR_ERR_NO_DOMAIN,
                          "no domain with matching id %d", key->id);
            break;
        }
        goto cleanup;
    }
    if (vpFilterCheckRecord(backend, sink.recs[0], VIRTPLUG_ATTR_ACTIVE) < 0)
        goto cleanup;
    if (!(dom = vpDomainNew(conn, sink.recs[0])))
        vpErrorReportOOM();

 cleanup:
    vpSinkClear(&sink);
    return dom;
}

static virDomainPtr
vpDomainLookupEntry(virConnectPtr conn, const virtplugDomainKey *key,
                    const char *func, int argError)
{
    virDomainPtr dom = NULL;

    if (vpConnectAcquire(conn, func) < 0) {
        vpErrorDispatchTo(NULL);
        return NULL;
    }
    if (argError == 0)
        dom = vpDomainLookup(conn, key);
    if (!dom)
        vpErrorDispatch(conn);
    vpConnectRelease(conn);
    return dom;
}

VP_PUBLIC virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_NAME, .name = name };
    int argError = 0;

    virResetLastError();
    if (!name) {
        vpReportInvalidArg("%s in %s must not be NULL", "name",
                           "virDomainLookupByName");
        argError = -1;
    }
    return vpDomainLookupEntry(conn, &key, "virDomainLookupByName", argError);
}

VP_PUBLIC virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_UUID };
    int argError = 0;

    virResetLastError();
    if (!uuid) {
        vpReportInvalidArg("%s in %s must not be NULL", "uuid",
                           "virDomainLookupByUUID");
        argError = -1;
    } else {
        memcpy(key.uuid, uuid, VIR_UUID_BUFLEN);
    }
    return vpDomainLookupEntry(conn, &key, "virDomainLookupByUUID", argError);
}

VP_PUBLIC virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_UUID };
    int argError = 0;

    virResetLastError();
    if (!uuidstr) {
        vpReportInvalidArg("%s in %s must not be NULL", "uuidstr",
                           "virDomainLookupByUUIDString");
        argError = -1;
    } else if (vpParseUUID(uuidstr, key.uuid) < 0) {
        vpReportInvalidArg("%s", "Invalid UUID");
        argError = -1;
    }
    return vpDomainLookupEntry(conn, &key, "virDomainLookupByUUIDString",
                               argError);
}

VP_PUBLIC virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_ID, .id = id };
    int argError = 0;

    virResetLastError();
    if (id < 0) {
        vpReportInvalidArg("%s in %s must be zero or greater", "id",
                           "virDomainLookupByID");
        argError = -1;
    }
    return vpDomainLookupEntry(conn, &key, "virDomainLookupByID", argError);
}

/* ---- reference counting ------------------------------------------------ */

VP_PUBLIC int
virDomainRef(virDomainPtr domain)
{
    virResetLastError();
    if (vpDomainAcquire(domain, "virDomainRef") < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}

VP_PUBLIC int
virDomainFree(virDomainPtr domain)
{
    virResetLastError();
    if (vpDomainUnref(domain) < 0) {
        vpErrorReport(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, "%s",
                      "virDomainFree");
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}
