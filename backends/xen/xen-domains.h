/*
 * xen-domains.h: listing and looking up domains of a xen:// connection.
 *
 * libvirt's libxl driver state is read first (by the shared libvirt-state
 * code) and wins: the sink keeps the first record of a name or UUID, so a
 * domain that libvirt manages is listed once, with libvirt's view.  Then
 * come the domains only Xen's own files know:
 *   - a libxl userdata file: an active transient domain, id = domid, state
 *     "no state" (Xen keeps run state in the hypervisor only);
 *   - an xl save image: an inactive persistent domain with a managed save
 *     (xendomains restores it at boot), state shut off (saved).
 * Either is autostarted when /etc/xen/auto names it.
 */
#ifndef XEN_DOMAINS_H
#define XEN_DOMAINS_H

#include "xen-priv.h"

int xenDomainsList(const xenPriv *priv, unsigned int flags,
                   virtplugDomainSink *sink);
int xenDomainsLookup(const xenPriv *priv, const virtplugDomainKey *key,
                     virtplugDomainSink *sink);

#endif /* XEN_DOMAINS_H */
