/*
 * domain-sink.c: where a backend puts the domains it finds.
 *
 * Records are unique by name and by UUID (the first one wins), so a domain
 * seen twice by a backend (say, in a status file and a monitor socket) is
 * still listed once.  Two open-addressing indexes keep adding O(1) for
 * hosts with many domains.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vp-internal.h"

static uint64_t
vpHashBytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void
vpSinkInit(virtplugDomainSink *sink, unsigned int need)
{
    memset(sink, 0, sizeof(*sink));
    pthread_mutex_init(&sink->lock, NULL);
    sink->need = need;
}

void
vpSinkClear(virtplugDomainSink *sink)
{
    size_t i;

    for (i = 0; i < sink->nrecs; i++) {
        free(sink->recs[i]->name);
        free(sink->recs[i]->title);
        free(sink->recs[i]->description);
        free(sink->recs[i]);
    }
    free(sink->recs);
    free(sink->byName);
    free(sink->byUUID);
    pthread_mutex_destroy(&sink->lock);
    memset(sink, 0, sizeof(*sink));
}

/* Finds the slot for a key: either the matching record or an empty slot. */
static size_t *
vpSinkSlot(virtplugDomainSink *sink, size_t *index, uint64_t hash,
           const char *name, const unsigned char *uuid)
{
    size_t mask = sink->nslots - 1;
    size_t pos = hash & mask;

    for (;;) {
        size_t v = index[pos];
        if (v == 0)
            return &index[pos];
        if (name && strcmp(sink->recs[v - 1]->name, name) == 0)
            return &index[pos];
        if (uuid && memcmp(sink->recs[v - 1]->uuid, uuid,
                           VIR_UUID_BUFLEN) == 0)
            return &index[pos];
        pos = (pos + 1) & mask;
    }
}

static int
vpSinkGrowIndex(virtplugDomainSink *sink)
{
    size_t nslots = sink->nslots ? sink->nslots * 2 : 64;
    size_t *byName = calloc(nslots, sizeof(*byName));
    size_t *byUUID = calloc(nslots, sizeof(*byUUID));
    size_t i;

    if (!byName || !byUUID) {
        free(byName);
        free(byUUID);
        return -1;
    }
    free(sink->byName);
    free(sink->byUUID);
    sink->byName = byName;
    sink->byUUID = byUUID;
    sink->nslots = nslots;
    for (i = 0; i < sink->nrecs; i++) {
        virtplugDomainRecord *rec = sink->recs[i];
        *vpSinkSlot(sink, byName, vpHashBytes(rec->name, strlen(rec->name)),
                    rec->name, NULL) = i + 1;
        *vpSinkSlot(sink, byUUID, vpHashBytes(rec->uuid, VIR_UUID_BUFLEN),
                    NULL, rec->uuid) = i + 1;
    }
    return 0;
}

static virtplugDomainRecord *
vpSinkAddLocked(virtplugDomainSink *sink, const char *name,
                const unsigned char uuid[VIR_UUID_BUFLEN])
{
    virtplugDomainRecord *rec;
    size_t *nameSlot;
    size_t *uuidSlot;
    uint64_t nameHash = vpHashBytes(name, strlen(name));
    uint64_t uuidHash = vpHashBytes(uuid, VIR_UUID_BUFLEN);

    if ((sink->nrecs + 1) * 2 > sink->nslots && vpSinkGrowIndex(sink) < 0)
        return NULL;
    nameSlot = vpSinkSlot(sink, sink->byName, nameHash, name, NULL);
    uuidSlot = vpSinkSlot(sink, sink->byUUID, uuidHash, NULL, uuid);
    if (*nameSlot || *uuidSlot)
        return NULL;                   /* seen already: the first one wins */

    if (sink->nrecs == sink->caprecs) {
        size_t cap = sink->caprecs ? sink->caprecs * 2 : 16;
        virtplugDomainRecord **recs = realloc(sink->recs,
                                              cap * sizeof(*recs));
        if (!recs)
            return NULL;
        sink->recs = recs;
        sink->caprecs = cap;
    }
    if (!(rec = calloc(1, sizeof(*rec))))
        return NULL;
    if (!(rec->name = strdup(name))) {
        free(rec);
        return NULL;
    }
    memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
    rec->info.id = -1;
    sink->recs[sink->nrecs++] = rec;
    *nameSlot = sink->nrecs;
    *uuidSlot = sink->nrecs;
    return rec;
}

virtplugDomainRecord *
vpSinkAdd(virtplugDomainSink *sink, const char *name,
          const unsigned char uuid[VIR_UUID_BUFLEN])
{
    virtplugDomainRecord *rec;

    if (!sink || !name || !*name || !uuid)
        return NULL;
    pthread_mutex_lock(&sink->lock);
    rec = vpSinkAddLocked(sink, name, uuid);
    pthread_mutex_unlock(&sink->lock);
    return rec;
}

int
vpRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                const char *text)
{
    char **field;
    char *copy = NULL;

    if (which == VIRTPLUG_ATTR_TITLE)
        field = &rec->title;
    else if (which == VIRTPLUG_ATTR_DESCRIPTION)
        field = &rec->description;
    else
        return -1;
    if (text && !(copy = strdup(text)))
        return -1;
    free(*field);
    *field = copy;
    rec->info.known |= which;
    return 0;
}
