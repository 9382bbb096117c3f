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

/* A flat open-addressing table (linear probing) of the live pointers, so a
 * check costs one cache line, not a walk of malloc'd nodes: every public
 * call on a domain checks, and a listing of 100,000 domains makes several
 * calls per domain.  The table grows to keep at most half of it in use
 * (live entries and tombstones together). */
typedef struct {
    const void *ptr;     /* NULL: empty; VP_REGISTRY_TOMBSTONE: removed */
    vpHandleKind kind;
} vpRegistrySlot;

#define VP_REGISTRY_MIN_SLOTS 1024
static const char vpRegistryTombstoneMark;
#define VP_REGISTRY_TOMBSTONE ((const void *)&vpRegistryTombstoneMark)

static pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;
static vpRegistrySlot *slots;
static size_t nslots;
static size_t nused;     /* live entries + tombstones */
static size_t nlive;

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

/* The slot holding ptr, or NULL. */
static vpRegistrySlot *
vpRegistryFind(const void *ptr)
{
    size_t pos;

    if (!ptr || !slots)
        return NULL;
    for (pos = vpRegistryHash(ptr) & (nslots - 1); slots[pos].ptr;
         pos = (pos + 1) & (nslots - 1)) {
        if (slots[pos].ptr == ptr)
            return &slots[pos];
    }
    return NULL;
}

bool
vpRegistryHas(const void *ptr, vpHandleKind kind)
{
    vpRegistrySlot *slot = vpRegistryFind(ptr);

    return slot && slot->kind == kind;
}

static void
vpRegistryInsert(vpRegistrySlot *table, size_t size, const void *ptr,
                 vpHandleKind kind)
{
    size_t pos = vpRegistryHash(ptr) & (size - 1);

    while (table[pos].ptr && table[pos].ptr != VP_REGISTRY_TOMBSTONE)
        pos = (pos + 1) & (size - 1);
    table[pos].ptr = ptr;
    table[pos].kind = kind;
}

/* Rebuilds the table with room for twice the live entries, dropping the
 * tombstones.  Returns -1 when out of memory (the old table stays). */
static int
vpRegistryRehash(void)
{
    size_t size = VP_REGISTRY_MIN_SLOTS;
    vpRegistrySlot *fresh;
    size_t i;

    while (size < (nlive + 1) * 4)
        size *= 2;
    if (!(fresh = calloc(size, sizeof(*fresh))))
        return -1;
    for (i = 0; i < nslots; i++) {
        if (slots[i].ptr && slots[i].ptr != VP_REGISTRY_TOMBSTONE)
            vpRegistryInsert(fresh, size, slots[i].ptr, slots[i].kind);
    }
    free(slots);
    slots = fresh;
    nslots = size;
    nused = nlive;
    return 0;
}

int
vpRegistryAdd(const void *ptr, vpHandleKind kind)
{
    if ((nused + 1) * 2 > nslots && vpRegistryRehash() < 0)
        return -1;
    vpRegistryInsert(slots, nslots, ptr, kind);
    nused++;
    nlive++;
    return 0;
}

void
vpRegistryRemove(const void *ptr)
{
    vpRegistrySlot *slot = vpRegistryFind(ptr);

    if (!slot)
        return;
    slot->ptr = VP_REGISTRY_TOMBSTONE;
    nlive--;
}
