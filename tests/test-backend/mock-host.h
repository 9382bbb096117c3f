/*
 * mock-host.h: a stand-in for libvirtplug's side of the backend contract.
 *
 * Lets the backend and helper tests run a module or a helper without the
 * loader: errors, warnings and domain records are simply kept for the test
 * to look at.  Errors and warnings are per thread, records per sink.
 */
#ifndef MOCK_HOST_H
#define MOCK_HOST_H

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
    struct _virtplugDomainRecord *recs;
    size_t n;
    unsigned int need;
};

/* The host table; its callbacks record into the thread-locals below. */
extern const virtplugHost mockHost;

/* The calling thread's last error (code 0: none) and warnings. */
typedef struct {
    int code;
    int domain;
    char message[1024];
    int nerrors;
    int nwarnings;
    char warning[1024];
} mockReport;

mockReport *mockReportGet(void);
void mockReportReset(void);

void mockSinkInit(virtplugDomainSink *sink, unsigned int need);
void mockSinkClear(virtplugDomainSink *sink);
/* The record named `name`, or NULL. */
struct _virtplugDomainRecord *mockSinkFind(virtplugDomainSink *sink,
                                           const char *name);

#endif /* MOCK_HOST_H */
