/*
 * xen-domains.h: listing and looking up domains of a xen:// connection.
 *
 * libvirt's libxl driver state is read first (by the shared libvirt-state
 * code) and wins: a domain that libvirt has a config or status file for is
 * never reported from Xen's own files (even when libvirt thinks it is shut
 * off), and the sink drops any later record with a name or UUID already
 * seen, so each domain is listed once, with libvirt's view.  Then come the
 * domains only Xen's own files know:
 *   - a libxl userdata file: an active transient domain (xl has no notion
 *     of a defined domain), id = domid, state "no state" (Xen keeps run
 *     state in the hypervisor only);
 *   - an xl save image: an inactive domain with a managed save, state shut
 *     off (saved); persistent, because xendomains restores it at boot, and
 *     an inactive domain is persistent by definition in libvirt's model.
 * Either is autostarted when a config in /etc/xen/auto names it (for a
 * running xl domain that makes it "transient but autostarted", which
 * libvirt itself never shows; it is what xendomains will do at boot).
 */
#ifndef XEN_DOMAINS_H
#define XEN_DOMAINS_H

#include "xen-priv.h"

int xenDomainsList(const xenPriv *priv, unsigned int flags,
                   virtplugDomainSink *sink);
int xenDomainsLookup(const xenPriv *priv, const virtplugDomainKey *key,
                     virtplugDomainSink *sink);

#endif /* XEN_DOMAINS_H */
