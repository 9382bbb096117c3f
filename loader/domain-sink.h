/*
 * domain-sink.h: the records a backend fills while listing.
 * Private to the loader (domain-sink.c).
 */
#ifndef VP_DOMAIN_SINK_H
#define VP_DOMAIN_SINK_H

#include <pthread.h>
#include <stddef.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-index.h>

struct _virtplugDomainRecord {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;
    char *title;
    char *description;
};

/* A growable set of records, unique by name and by UUID.  Safe to fill from
 * several backend threads at once.  Its indexes point back at it: a sink
 * stays where vpSinkInit put it. */
struct _virtplugDomainSink {
    pthread_mutex_t lock;
    unsigned int need;
    virtplugDomainRecord **recs;
    size_t nrecs;
    size_t caprecs;
    vpIndex byName;            /* positions in recs; keys fetched there */
    vpIndex byUUID;
};

void vpSinkInit(virtplugDomainSink *sink, unsigned int need);
void vpSinkClear(virtplugDomainSink *sink);
/* Frees recs[i] (and sets it NULL) once its content was taken over. */
void vpSinkRecordFree(virtplugDomainSink *sink, size_t i);
/* Frees the name and UUID indexes once no record is added any more: a
 * listing that turns records into handles need not hold them meanwhile. */
void vpSinkDropIndex(virtplugDomainSink *sink);
virtplugDomainRecord *vpSinkAdd(virtplugDomainSink *sink, const char *name,
                                const unsigned char uuid[VIR_UUID_BUFLEN]);
int vpRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                    const char *text);

#endif /* VP_DOMAIN_SINK_H */
