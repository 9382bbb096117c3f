/*
 * xen-fixture-domains.h: the domains of the fixture tree that make-host.sh
 * builds (the table in tests/backends/xen/README), as the xen backend must report
 * them.  Shared by the module test and the API test.
 */
#ifndef XEN_FIXTURE_DOMAINS_H
#define XEN_FIXTURE_DOMAINS_H

#include <stdbool.h>

#include <virtplug/virtplug.h>

typedef struct {
    const char *name;
    int id;              /* -1: inactive */
    bool persistent;
    int state;
    bool managed_save;
    bool autostart;
} expectDom;

static const expectDom xenFixtureDoms[] = {
    { "lv-running", 1, true, VIR_DOMAIN_RUNNING, false, false },
    { "lv-paused", 2, true, VIR_DOMAIN_PAUSED, false, false },
    { "lv-transient", 3, false, VIR_DOMAIN_RUNNING, false, false },
    { "xl-known", 4, false, VIR_DOMAIN_PAUSED, false, false },
    { "xl-plain", 5, false, VIR_DOMAIN_NOSTATE, false, false },
    { "xl-auto", 6, false, VIR_DOMAIN_NOSTATE, false, true },
    { "lv-autostart", -1, true, VIR_DOMAIN_SHUTOFF, false, true },
    { "lv-saved", -1, true, VIR_DOMAIN_SHUTOFF, true, false },
    { "lv-shutoff", -1, true, VIR_DOMAIN_SHUTOFF, false, false },
    { "xl-saved", -1, true, VIR_DOMAIN_SHUTOFF, true, true },
};
#define XEN_FIXTURE_NDOMS (sizeof(xenFixtureDoms) / sizeof(xenFixtureDoms[0]))

#endif /* XEN_FIXTURE_DOMAINS_H */
