/*
 * handle-registry.c: the set of live virConnectPtr and virDomainPtr values.
 *
 * Public calls look a pointer up here before touching it, so a NULL, freed
 * or made-up pointer gives libvirt's INVALID_CONN/INVALID_DOMAIN error
 * instead of a crash.  Reference counts are changed under the same lock,
 * which makes "free twice" detectable: the second free finds nothing.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "vp-internal.h"

typedef struct vpRegistryEntry vpRegistryEntry;
struct vpRegistryEntry {
    const void *ptr;
    vpHandleKind kind;
    vpRegistryEntry *next;
};

/* The table doubles when it holds more entries than buckets, so a listing
 * of 100,000 domains costs O(1) per handle, not a walk of a long chain. */
#define VP_REGISTRY_MIN_BUCKETS 1024

static pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;
static vpRegistryEntry **buckets;
static size_t nbuckets;
static size_t nentries;

static size_t
vpRegistryHash(const void *ptr)
{
    uintptr_t v = (uintptr_t)ptr;

    v ^= v >> 17;
    v *= (uintptr_t)0x9e3779b97f4a7c15ULL;
    v ^= v >> 29;
    return (size_t)v;
}

void
vpRegistryLock(void)
{
    pthread_mutex_lock(&registryLock);
}

void
vpRegistryUnlock(void)
{
    pthread_mutex_unlock(&registryLock);
}

bool
vpRegistryHas(const void *ptr, vpHandleKind kind)
{
    vpRegistryEntry *e;

    if (!ptr || !buckets)
        return false;
    for (e = buckets[vpRegistryHash(ptr) & (nbuckets - 1)]; e; e = e->next) {
        if (e->ptr == ptr)
            return e->kind == kind;
    }
    return false;
}

/* Rehashes into `size` buckets (a power of two); on allocation failure the
 * old table stays, only slower. */
static void
vpRegistryResize(size_t size)
{
    vpRegistryEntry **fresh = calloc(size, sizeof(*fresh));
    size_t i;

    if (!fresh)
        return;
    for (i = 0; i < nbuckets; i++) {
        vpRegistryEntry *e = buckets[i];

        while (e) {
            vpRegistryEntry *next = e->next;
            size_t b = vpRegistryHash(e->ptr) & (size - 1);

            e->next = fresh[b];
            fresh[b] = e;
            e = next;
        }
    }
    free(buckets);
    buckets = fresh;
    nbuckets = size;
}

int
vpRegistryAdd(const void *ptr, vpHandleKind kind)
{
    vpRegistryEntry *e;
    size_t b;

    if (!buckets)
        vpRegistryResize(VP_REGISTRY_MIN_BUCKETS);
    if (!buckets)
        return -1;
    if (nentries >= nbuckets)
        vpRegistryResize(nbuckets * 2);
    if (!(e = malloc(sizeof(*e))))
        return -1;
    b = vpRegistryHash(ptr) & (nbuckets - 1);
    e->ptr = ptr;
    e->kind = kind;
    e->next = buckets[b];
    buckets[b] = e;
    nentries++;
    return 0;
}

void
vpRegistryRemove(const void *ptr)
{
    vpRegistryEntry **pe;

    if (!buckets)
        return;
    for (pe = &buckets[vpRegistryHash(ptr) & (nbuckets - 1)]; *pe;
         pe = &(*pe)->next) {
        if ((*pe)->ptr == ptr) {
            vpRegistryEntry *e = *pe;
            *pe = e->next;
            free(e);
            nentries--;
            return;
        }
    }
}
