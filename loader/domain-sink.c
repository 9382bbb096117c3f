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

#include "domain-sink.h"
#include "errors.h"
#include "vp-uuid.h"

static const void *
vpSinkNameKey(const void *opaque, size_t pos, size_t *len)
{
    const virtplugDomainSink *sink = opaque;

    *len = strlen(sink->recs[pos]->name);
    return sink->recs[pos]->name;
}

static const void *
vpSinkUUIDKey(const void *opaque, size_t pos, size_t *len)
{
    const virtplugDomainSink *sink = opaque;

    *len = VIR_UUID_BUFLEN;
    return sink->recs[pos]->uuid;
}

void
vpSinkInit(virtplugDomainSink *sink, unsigned int need)
{
    memset(sink, 0, sizeof(*sink));
    pthread_mutex_init(&sink->lock, NULL);
    sink->need = need;
    vpIndexInit(&sink->byName, vpSinkNameKey, sink);
    vpIndexInit(&sink->byUUID, vpSinkUUIDKey, sink);
}

void
vpSinkRecordFree(virtplugDomainSink *sink, size_t i)
{
    virtplugDomainRecord *rec = sink->recs[i];

    if (!rec)
        return;
    free(rec->name);
    free(rec->title);
    free(rec->description);
    free(rec);
    sink->recs[i] = NULL;
}

void
vpSinkDropIndex(virtplugDomainSink *sink)
{
    vpIndexClear(&sink->byName);
    vpIndexClear(&sink->byUUID);
}

void
vpSinkClear(virtplugDomainSink *sink)
{
    size_t i;

    for (i = 0; i < sink->nrecs; i++)
        vpSinkRecordFree(sink, i);
    free(sink->recs);
    vpIndexClear(&sink->byName);
    vpIndexClear(&sink->byUUID);
    pthread_mutex_destroy(&sink->lock);
    memset(sink, 0, sizeof(*sink));
}

static void
vpSinkReindex(virtplugDomainSink *sink)
{
    size_t i;

    vpIndexClear(&sink->byName);
    vpIndexClear(&sink->byUUID);
    for (i = 0; i < sink->nrecs; i++) {
        if (vpIndexAdd(&sink->byName, i) < 0 ||
            vpIndexAdd(&sink->byUUID, i) < 0)
            return;
    }
}

/* *clash is set to a copy of the name of the record that already holds the
 * UUID under another name (caller frees), so that the caller can warn. */
static virtplugDomainRecord *
vpSinkAddLocked(virtplugDomainSink *sink, const char *name,
                const unsigned char uuid[VIR_UUID_BUFLEN], char **clash)
{
    virtplugDomainRecord *rec;
    long long byName = vpIndexFind(&sink->byName, name, strlen(name));
    long long byUUID = vpIndexFind(&sink->byUUID, uuid, VIR_UUID_BUFLEN);

    if (byName >= 0 || byUUID >= 0) {
        /* Seen already: the first one wins.  Another name with the same
         * UUID is a second domain that cannot be listed: say so. */
        if (byName < 0)
            *clash = strdup(sink->recs[byUUID]->name);
        return NULL;
    }

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
    sink->recs[sink->nrecs] = rec;
    if (vpIndexAdd(&sink->byName, sink->nrecs) < 0 ||
        vpIndexAdd(&sink->byUUID, sink->nrecs) < 0) {
        /* Out of memory: the record goes.  The name index may hold its
         * position already and cannot drop one entry: both are rebuilt
         * from the records kept (best effort; the listing fails anyway). */
        vpSinkRecordFree(sink, sink->nrecs);
        vpSinkReindex(sink);
        return NULL;
    }
    sink->nrecs++;
    return rec;
}

virtplugDomainRecord *
vpSinkAdd(virtplugDomainSink *sink, const char *name,
          const unsigned char uuid[VIR_UUID_BUFLEN])
{
    virtplugDomainRecord *rec;
    char *clash = NULL;

    if (!sink || !name || !*name || !uuid)
        return NULL;
    pthread_mutex_lock(&sink->lock);
    rec = vpSinkAddLocked(sink, name, uuid, &clash);
    pthread_mutex_unlock(&sink->lock);
    if (clash) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        vpUUIDFormat(uuid, uuidstr);
        vpWarn(VIR_FROM_NONE,
               "ignoring domain '%s': domain '%s' has the same UUID %s",
               name, clash, uuidstr);
        free(clash);
    }
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
