/*
 * fake-host.h: a stand-in for libvirtplug's side of the backend contract,
 * shared by the backend and helper unit tests.
 *
 * Lets a test run a backend module or helper without the loader.  Errors
 * and warnings are kept per thread for the test to look at; records are
 * kept per sink and deduplicated by name and by UUID as the core's sink
 * does.  UUIDs are parsed by the core's own code (loader/uuid.c, compiled
 * in).
 */
#ifndef FAKE_HOST_H
#define FAKE_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug-backend.h>

/* Records a sink holds at most; they are never moved once handed out. */
#define FAKE_MAX_RECORDS 4096
/* Warning texts kept per thread (the count goes on past it). */
#define FAKE_MAX_WARNINGS 64

struct _virtplugDomainRecord {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;
    char *title;                /* NULL: none */
    char *description;          /* NULL: none */
};

/* Zero-filled or fakeSinkInit()ed; fakeSinkClear() frees what it holds. */
struct _virtplugDomainSink {
    struct _virtplugDomainRecord *recs;
    size_t n;
    unsigned int need;
    size_t nbadnames;           /* recordAdd calls with a NULL/empty name */
};

/* The host table; its callbacks record into the calling thread's report. */
extern const virtplugHost fakeHost;

/* When true, errors and warnings are also printed to stderr (they then
 * show in the test log).  Off by default: some tests check that nothing
 * reached stderr. */
extern bool fakeHostEcho;

/* Called (when set) for every warning, after it is recorded: lets a test
 * check the error domain of each one. */
extern void (*fakeWarnHook)(int from, const char *text);

/* The calling thread's last error (code 0: none) and warnings. */
typedef struct {
    int code;
    int domain;
    char message[1024];         /* detail; ": strerror" for system errors */
    int nerrors;
    int nwarnings;
    char warning[1024];         /* the last warning */
    size_t nkept;               /* the first FAKE_MAX_WARNINGS warnings */
    char kept[FAKE_MAX_WARNINGS][512];
} fakeReport;

fakeReport *fakeReportGet(void);
void fakeReportReset(void);
/* Whether a kept warning contains a and (unless NULL) b. */
bool fakeWarned(const char *a, const char *b);

void fakeSinkInit(virtplugDomainSink *sink, unsigned int need);
void fakeSinkClear(virtplugDomainSink *sink);
/* Clears the sink and the calling thread's report; the sink starts over
 * with `need`.  The sink must be zero-filled or initialized. */
void fakeHostReset(virtplugDomainSink *sink, unsigned int need);
/* The record named `name`, or NULL. */
struct _virtplugDomainRecord *fakeSinkFind(virtplugDomainSink *sink,
                                           const char *name);

#endif /* FAKE_HOST_H */
