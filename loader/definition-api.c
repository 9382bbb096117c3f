/*
 * definition-api.c: the calls that read a domain's definition
 * (virDomainGetInfo, virDomainGetXMLDesc, memory, vCPUs, OS type, current
 * snapshot), through the backend's domainDoc callback.
 *
 * Checks come in libvirt's order: the public API's own (read-only access,
 * exclusive flags, reported as VIR_FROM_DOMAIN), then the driver's flag
 * check (in the driver's error domain, naming the driver's function), then
 * the domain.  A backend without domainDoc answers none of these:
 * VIR_ERR_NO_SUPPORT, as a libvirt driver without the function.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "connect.h"
#include "domain-sink.h"
#include "domain.h"
#include "driver-errors.h"
#include "errors.h"
#include "host-table.h"
#include "vp-export.h"
#include "vp-uuid.h"

static int
vpDefBegin(virDomainPtr dom, const char *func)
{
    virResetLastError();
    if (vpDomainAcquire(dom, func) < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}

static void
vpDefFail(virDomainPtr dom)
{
    vpErrorDispatch(dom->conn);
    vpDomainRelease(dom);
}

static bool
vpDefIsQemu(virDomainPtr dom)
{
    const char *prefix = vpBackendDriverPrefix(vpConnectBackend(dom->conn));

    return prefix && strcmp(prefix, "qemu") == 0;
}

/* The driver's flag check: "unsupported flags (0x..) in function
 * qemuDomainGetXMLDesc". */
static int
vpDefCheckFlags(virDomainPtr dom, unsigned int flags, unsigned int allowed,
                const char *api)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);
    const char *prefix = vpBackendDriverPrefix(backend);

    if (!(flags & ~allowed))
        return 0;
    vpErrorReportPlain(vpBackendErrorDomain(backend), VIR_ERR_INVALID_ARG,
                       "unsupported flags (0x%x) in function %s%s",
                       flags & ~allowed, prefix ? prefix : "", api);
    return -1;
}

/* After domainDoc found nothing: gone (NO_DOMAIN), or there but without a
 * definition this backend can read (NO_SUPPORT). */
static void
vpDefReportMissing(virDomainPtr dom, const virtplugDomainKey *key,
                   const char *func)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);
    virtplugDomainSink sink;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    bool found = false;
    size_t i;

    vpSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE);
    if (backend->lookup(&vpHostTable, dom->conn->priv, key, &sink) > 0) {
        for (i = 0; i < sink.nrecs; i++)
            found |= memcmp(sink.recs[i]->uuid, dom->uuid,
                            VIR_UUID_BUFLEN) == 0;
    }
    vpSinkClear(&sink);
    virResetLastError();
    if (found) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s", func);
        return;
    }
    vpUUIDFormat(dom->uuid, uuidstr);
    vpErrorReport(vpBackendErrorDomain(backend), VIR_ERR_NO_DOMAIN,
                  "no domain with matching uuid '%s' (%s)", uuidstr,
                  dom->name);
}

/* Asks the backend for the definition; 0, or -1 with an error set. */
static int
vpDefRead(virDomainPtr dom, unsigned int flags, virtplugDomainDoc *doc,
          const char *func)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);
    virtplugDomainKey key;
    int rc;

    memset(doc, 0, sizeof(*doc));
    if (!VIRTPLUG_BACKEND_HAS(backend, domainDoc)) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s", func);
        return -1;
    }
    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_UUID;
    key.name = dom->name;
    memcpy(key.uuid, dom->uuid, VIR_UUID_BUFLEN);
    key.id = -1;
    rc = backend->domainDoc(&vpHostTable, dom->conn->priv, &key, flags, doc);
    if (rc > 0 && ((flags & VIRTPLUG_DOC_XML) && !doc->xml)) {
        rc = -1;
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                      "the %s backend gave no XML for domain '%s'",
                      backend->name, dom->name);
    }
    if (rc > 0)
        return 0;
    free(doc->xml);
    free(doc->os_type);
    memset(doc, 0, sizeof(*doc));
    if (rc == 0)
        vpDefReportMissing(dom, &key, func);
    else if (!virGetLastError())
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                      "the %s backend failed to read domain '%s'",
                      backend->name, dom->name);
    return -1;
}

static void
vpDefClear(virtplugDomainDoc *doc)
{
    free(doc->xml);
    free(doc->os_type);
    memset(doc, 0, sizeof(*doc));
}

/* Attributes of the handle the backend must be able to tell. */
static int
vpDefAttrs(virDomainPtr dom, unsigned int attrs, virtplugDomainInfo *info,
           const char *func)
{
    const virtplugBackend *backend = vpConnectBackend(dom->conn);

    if (attrs & ~backend->groups) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s", func);
        return -1;
    }
    return vpDomainGetInfo(dom, attrs, info, NULL);
}

VP_PUBLIC int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    virtplugDomainInfo attrs;
    virtplugDomainDoc doc;

    if (vpDefBegin(domain, "virDomainGetInfo") < 0)
        return -1;
    if (!info) {
        vpReportInvalidArg("%s in %s must not be NULL", "info",
                           "virDomainGetInfo");
        vpDefFail(domain);
        return -1;
    }
    memset(info, 0, sizeof(*info));
    if (vpDefAttrs(domain, VIRTPLUG_ATTR_STATE, &attrs,
                   "virDomainGetInfo") < 0 ||
        vpDefRead(domain, 0, &doc, "virDomainGetInfo") < 0) {
        vpDefFail(domain);
        return -1;
    }
    info->state = (unsigned char)attrs.state;
    info->maxMem = (unsigned long)doc.max_memory;
    info->memory = (unsigned long)doc.memory;
    info->nrVirtCpu = doc.vcpus > 0xffff ? 0xffff : (unsigned short)doc.vcpus;
    info->cpuTime = doc.cpu_time;
    vpDefClear(&doc);
    vpDomainRelease(domain);
    return 0;
}

VP_PUBLIC char *
virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    virtplugDomainDoc doc;
    unsigned int docFlags = VIRTPLUG_DOC_XML;
    char *xml;

    if (vpDefBegin(domain, "virDomainGetXMLDesc") < 0)
        return NULL;
    if (domain->conn->readonly && (flags & VIR_DOMAIN_XML_SECURE)) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, "%s",
                      "virDomainGetXMLDesc with secure flag");
        goto error;
    }
    /* only the qemu driver knows UPDATE_CPU */
    if (vpDefCheckFlags(domain, flags,
                        VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                        VIR_DOMAIN_XML_MIGRATABLE |
                        (vpDefIsQemu(domain) ? VIR_DOMAIN_XML_UPDATE_CPU : 0),
                        "DomainGetXMLDesc") < 0)
        goto error;
    /* These rewrite the definition for another host: not done here. */
    if (flags & (VIR_DOMAIN_XML_MIGRATABLE | VIR_DOMAIN_XML_UPDATE_CPU)) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s",
                      "virDomainGetXMLDesc");
        goto error;
    }
    if (flags & VIR_DOMAIN_XML_INACTIVE)
        docFlags |= VIRTPLUG_DOC_INACTIVE;
    if (flags & VIR_DOMAIN_XML_SECURE)
        docFlags |= VIRTPLUG_DOC_SECURE;
    if (vpDefRead(domain, docFlags, &doc, "virDomainGetXMLDesc") < 0)
        goto error;
    xml = doc.xml;
    doc.xml = NULL;
    vpDefClear(&doc);
    vpDomainRelease(domain);
    return xml;

 error:
    vpDefFail(domain);
    return NULL;
}

VP_PUBLIC unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    virtplugDomainDoc doc;
    unsigned long mem;

    if (vpDefBegin(domain, "virDomainGetMaxMemory") < 0)
        return 0;
    if (vpDefRead(domain, 0, &doc, "virDomainGetMaxMemory") < 0) {
        vpDefFail(domain);
        return 0;
    }
    mem = (unsigned long)doc.max_memory;
    vpDefClear(&doc);
    vpDomainRelease(domain);
    return mem;
}

/* The body of virDomainGetVcpusFlags and virDomainGetMaxVcpus; the
 * reference on domain is taken.  libvirt's drivers pick the definition
 * the way virDomainObjGetOneDef does. */
static int
vpDefVcpus(virDomainPtr domain, unsigned int flags, const char *func)
{
    const char *prefix = vpBackendDriverPrefix(vpConnectBackend(domain->conn));
    bool libxl = prefix && strcmp(prefix, "libxl") == 0;
    virtplugDomainInfo attrs;
    virtplugDomainDoc doc;
    int ret;

    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        /* the guest agent's view needs a live agent */
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s", func);
        return -1;
    }
    if (vpDefAttrs(domain, VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT,
                   &attrs, func) < 0)
        return -1;
    if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)))
        flags |= attrs.active ? VIR_DOMAIN_AFFECT_LIVE
                              : VIR_DOMAIN_AFFECT_CONFIG;
    /* libxl words these itself; qemu and test share libvirt's helper */
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !attrs.active) {
        vpErrorReport(libxl ? VIR_FROM_LIBXL : VIR_FROM_DOMAIN,
                      VIR_ERR_OPERATION_INVALID, "%s",
                      libxl ? "Domain is not running" : "domain is not running");
        return -1;
    }
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && !attrs.persistent) {
        vpErrorReport(libxl ? VIR_FROM_LIBXL : VIR_FROM_DOMAIN,
                      VIR_ERR_OPERATION_INVALID, "%s",
                      libxl ? "domain is transient" :
                      "transient domains do not have any persistent config");
        return -1;
    }
    if (vpDefRead(domain, (flags & VIR_DOMAIN_AFFECT_CONFIG) ?
                  VIRTPLUG_DOC_INACTIVE : 0, &doc, func) < 0)
        return -1;
    ret = (int)((flags & VIR_DOMAIN_VCPU_MAXIMUM) ? doc.max_vcpus : doc.vcpus);
    vpDefClear(&doc);
    return ret;
}

VP_PUBLIC int
virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    int ret;

    if (vpDefBegin(domain, "virDomainGetVcpusFlags") < 0)
        return -1;
    if ((flags & VIR_DOMAIN_VCPU_GUEST) && domain->conn->readonly) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, "%s",
                      "read only access prevents virDomainGetVcpusFlags");
        goto error;
    }
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vpErrorReportPlain(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                           "Flags 'VIR_DOMAIN_AFFECT_LIVE' and "
                           "'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        goto error;
    }
    if (vpDefCheckFlags(domain, flags,
                        VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                        VIR_DOMAIN_VCPU_MAXIMUM |
                        (vpDefIsQemu(domain) ? VIR_DOMAIN_VCPU_GUEST : 0),
                        "DomainGetVcpusFlags") < 0)
        goto error;
    if ((ret = vpDefVcpus(domain, flags, "virDomainGetVcpusFlags")) < 0)
        goto error;
    vpDomainRelease(domain);
    return ret;

 error:
    vpDefFail(domain);
    return -1;
}

/* libvirt's drivers answer it as the live maximum. */
VP_PUBLIC int
virDomainGetMaxVcpus(virDomainPtr domain)
{
    int ret;

    if (vpDefBegin(domain, "virDomainGetMaxVcpus") < 0)
        return -1;
    if ((ret = vpDefVcpus(domain, VIR_DOMAIN_AFFECT_LIVE |
                          VIR_DOMAIN_VCPU_MAXIMUM,
                          "virDomainGetMaxVcpus")) < 0) {
        vpDefFail(domain);
        return -1;
    }
    vpDomainRelease(domain);
    return ret;
}

VP_PUBLIC char *
virDomainGetOSType(virDomainPtr domain)
{
    virtplugDomainDoc doc;
    char *type;

    if (vpDefBegin(domain, "virDomainGetOSType") < 0)
        return NULL;
    if (vpDefRead(domain, 0, &doc, "virDomainGetOSType") < 0) {
        vpDefFail(domain);
        return NULL;
    }
    type = doc.os_type;
    doc.os_type = NULL;
    vpDefClear(&doc);
    if (!type) {
        vpErrorReportOOM();
        vpDefFail(domain);
        return NULL;
    }
    vpDomainRelease(domain);
    return type;
}

VP_PUBLIC int
virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    virtplugDomainDoc doc;
    int ret;

    if (vpDefBegin(domain, "virDomainHasCurrentSnapshot") < 0)
        return -1;
    if (vpDefRead(domain, VIRTPLUG_DOC_SNAPSHOT, &doc,
                  "virDomainHasCurrentSnapshot") < 0)
        goto error;
    ret = doc.current_snapshot;
    vpDefClear(&doc);
    /* a driver without snapshots has no such function */
    if (ret < 0) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s",
                      "virDomainHasCurrentSnapshot");
        goto error;
    }
    if (vpDefCheckFlags(domain, flags, 0, "DomainHasCurrentSnapshot") < 0)
        goto error;
    vpDomainRelease(domain);
    return ret ? 1 : 0;

 error:
    vpDefFail(domain);
    return -1;
}
