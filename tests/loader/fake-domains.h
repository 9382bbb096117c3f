/*
 * fake-domains.h: the fixed domain set of the fake backends, shared with
 * the tests so that they can compute the expected result of any filter
 * independently of the library.
 */
#ifndef FAKE_DOMAINS_H
#define FAKE_DOMAINS_H

#include <virtplug/virtplug-backend.h>

typedef struct {
    char name[16];
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;   /* everything filled in */
    const char *title;         /* NULL: none */
    const char *description;
} fakeDomain;

/* Active: 7 states x (persistent+autostart, persistent, transient) x
 * snapshots 0/1 x checkpoints 0/1 = 84; inactive (always persistent, shut
 * off): managed save x autostart x snapshots x checkpoints = 16. */
#define FAKE_NDOMAINS 100

extern fakeDomain fakeDomains[FAKE_NDOMAINS];

/* Fills fakeDomains; idempotent, not thread-safe (call before threads). */
void fakeDomainsInit(void);

#endif /* FAKE_DOMAINS_H */
