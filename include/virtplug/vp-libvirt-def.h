/*
 * vp-libvirt-def.h: what a libvirt domain definition says (memory, vCPUs,
 * OS type) and the document itself, for a backend's domainDoc callback.
 *
 * The figures are read the way libvirt's parser reads them: <memory> and
 * <currentMemory> scaled by their unit to KiB (rounded up), a missing
 * <currentMemory> equal to <memory>, <vcpu current=> defaulting to <vcpu>,
 * one vCPU when there is no <vcpu>.  NUMA cells and memory devices, which
 * libvirt adds to the total, are not counted.
 */
#ifndef VP_LIBVIRT_DEF_H
#define VP_LIBVIRT_DEF_H

#include <stddef.h>
#include <libxml/tree.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-libvirt-state.h>

/* Fills the figures and os_type of doc from a <domain> element.  Returns 0,
 * or -1 after reporting an error (a value libvirt would refuse, or out of
 * memory). */
int vpLibvirtDefFigures(const virtplugHost *host, int from, xmlNodePtr domain,
                        virtplugDomainDoc *doc);

/* The <domain> element of buf[0..len) as libvirt formats it for a client:
 * the element's own text, cut out of a config file or out of a status file's
 * <domstatus> (whose indentation is taken off), ending with a newline;
 * without VIRTPLUG_DOC_SECURE in flags, graphics passwords are left out;
 * with VIRTPLUG_DOC_INACTIVE, a status file's (live) definition loses what
 * only a running domain has (its id, pty paths), as libvirt formats a
 * transient domain's definition for VIR_DOMAIN_XML_INACTIVE.
 * NULL when out of memory or when the document is not of that shape. */
char *vpLibvirtDefText(const char *buf, size_t len, unsigned int flags);

/* The domainDoc callback for a libvirt driver's state directories (see
 * vp-libvirt-state.h): the status file of a running domain is its live
 * definition, its config file the persistent one.  CPU time is read from
 * /proc for a running domain when the layout checks pids (a live host).
 * The current snapshot is the one whose metadata says <active>1</active>. */
int vpLibvirtStateDomainDoc(const virtplugHost *host,
                            const vpLibvirtLayout *layout,
                            const virtplugDomainKey *key, unsigned int flags,
                            virtplugDomainDoc *doc);

/* The CPU time of process pid in ns, as libvirt reads it (user + system
 * time from /proc/PID/stat).  Returns 0, or -1 when it cannot be read. */
int vpProcCpuTime(long long pid, unsigned long long *ns);

/* Frees what doc holds and zeroes it. */
void vpDomainDocClear(virtplugDomainDoc *doc);

#endif /* VP_LIBVIRT_DEF_H */
