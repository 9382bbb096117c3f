/*
 * qemu-fake-host.h: a virtplugHost and domain sink for the qemu backend's
 * unit tests.  Records are kept in order; a second record with a name or
 * UUID already present is refused, as the core's sink does.
 */
#ifndef QEMU_FAKE_HOST_H
#define QEMU_FAKE_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "virtplug-backend.h"

struct _virtplugDomainRecord {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;
    char *title;
    char *description;
};

struct _virtplugDomainSink {
    unsigned int need;
    size_t n;
    struct _virtplugDomainRecord *recs;
};

extern const virtplugHost qfHost;
extern size_t qfWarnings;       /* warnings since qfReset() */
extern int qfLastErrorCode;     /* last reportError code, 0 when none */
extern char qfLastError[512];

/* Empties the sink (freeing its records), sets its need, clears counters. */
void qfReset(virtplugDomainSink *sink, unsigned int need);
void qfFree(virtplugDomainSink *sink);
/* The record of that name, or NULL. */
virtplugDomainRecord *qfFind(virtplugDomainSink *sink, const char *name);

#endif /* QEMU_FAKE_HOST_H */
