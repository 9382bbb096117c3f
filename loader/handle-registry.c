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

#define VP_REGISTRY_BUCKETS 4096

static pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;
static vpRegistryEntry *buckets[VP_REGISTRY_BUCKETS];

static size_t
vpRegistryBucket(const void *ptr)
{
    uintptr_t v = (uintptr_t)ptr;

    v ^= v >> 17;
    v *= (uintptr_t)0x9e3779b97f4a7c15ULL;
    v ^= v >> 29;
    return v % VP_REGISTRY_BUCKETS;
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

    if (!ptr)
        return false;
    for (e = buckets[vpRegistryBucket(ptr)]; e; e = e->next) {
        if (e->ptr == ptr)
            return e->kind == kind;
    }
    return false;
}

int
vpRegistryAdd(const void *ptr, vpHandleKind kind)
{
    size_t b = vpRegistryBucket(ptr);
    vpRegistryEntry *e = malloc(sizeof(*e));

    if (!e)
        return -1;
    e->ptr = ptr;
    e->kind = kind;
    e->next = buckets[b];
    buckets[b] = e;
    return 0;
}

void
vpRegistryRemove(const void *ptr)
{
    vpRegistryEntry **pe;

    for (pe = &buckets[vpRegistryBucket(ptr)]; *pe; pe = &(*pe)->next) {
        if ((*pe)->ptr == ptr) {
            vpRegistryEntry *e = *pe;
            *pe = e->next;
            free(e);
            return;
        }
    }
}
