/*
 * fake-host.h: a minimal virtplugHost and domain sink for QMP unit tests.
 *
 * Records and warnings are kept in static arrays; fakeHostReset() clears
 * them.  Not thread-safe: one test at a time.
 */
#ifndef FAKE_HOST_H
#define FAKE_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "virtplug-backend.h"

#define FAKE_MAX_RECORDS 64
#define FAKE_MAX_WARNINGS 64

struct _virtplugDomainRecord {
    char name[1100];
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;
    int texts_set;
};

struct _virtplugDomainSink {
    unsigned int need;
    size_t nrecords;
    struct _virtplugDomainRecord records[FAKE_MAX_RECORDS];
};

extern const virtplugHost fakeHost;
extern char fakeWarnings[FAKE_MAX_WARNINGS][512];
extern size_t fakeNWarnings;
extern int fakeErrors;

void fakeHostReset(virtplugDomainSink *sink);
/* The record named `name`, or NULL. */
virtplugDomainRecord *fakeSinkFind(virtplugDomainSink *sink,
                                   const char *name);
/* Whether a warning contains both strings (b may be NULL). */
bool fakeWarned(const char *a, const char *b);

#endif /* FAKE_HOST_H */
