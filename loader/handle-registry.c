/*
 * handle-registry.c: the set of live virConnectPtr and virDomainPtr values.
 *
 * Public calls look a pointer up here before touching it, so a NULL, freed
 * or made-up pointer gives libvirt's INVALID_CONN/INVALID_DOMAIN error
 * instead of a crash.  Reference counts are changed under the same lock,
 * which makes "free twice" detectable: the second free finds nothing.
 */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "handle-registry.h"

/* A flat open-addressing table (linear probing) of the live pointers, so a
 * check costs one cache line, not a walk of malloc'd nodes: every public
 * call on a domain checks, and a listing of 100,000 domains makes several
 * calls per domain.  The table grows to keep at most half of it in use
 * (live entries and tombstones together).  A slot is one word, the pointer
 * with its kind in the low bits: handles come from malloc, whose alignment
 * leaves them free, and the table is 8 bytes a handle smaller for it. */
typedef uintptr_t vpRegistrySlot;   /* 0: empty; VP_REGISTRY_TOMBSTONE */

#define VP_REGISTRY_MIN_SLOTS 1024
#define VP_REGISTRY_KIND_MASK ((uintptr_t)3)
#define VP_REGISTRY_TOMBSTONE VP_REGISTRY_KIND_MASK   /* no pointer, no kind */

static pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;
static vpRegistrySlot *slots;
static size_t nslots;
static size_t nused;     /* live entries + tombstones */
static size_t nlive;

static size_t
vpRegistryHash(uintptr_t v)
{
    v ^= v >> 17;
    v *= (uintptr_t)0x9e3779b97f4a7c15ULL;
    v ^= v >> 29;
    return (size_t)v;
}

static bool
vpRegistryLive(vpRegistrySlot slot)
{
    return slot != 0 && slot != VP_REGISTRY_TOMBSTONE;
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
    uintptr_t v = (uintptr_t)ptr;
    size_t pos;

    if (!ptr || !slots || (v & VP_REGISTRY_KIND_MASK))
        return NULL;
    for (pos = vpRegistryHash(v) & (nslots - 1); slots[pos];
         pos = (pos + 1) & (nslots - 1)) {
        if (slots[pos] != VP_REGISTRY_TOMBSTONE &&
            (slots[pos] & ~VP_REGISTRY_KIND_MASK) == v)
            return &slots[pos];
    }
    return NULL;
}

bool
vpRegistryHas(const void *ptr, vpHandleKind kind)
{
    vpRegistrySlot *slot = vpRegistryFind(ptr);

    return slot && (*slot & VP_REGISTRY_KIND_MASK) == (uintptr_t)kind;
}

static void
vpRegistryInsert(vpRegistrySlot *table, size_t size, vpRegistrySlot entry)
{
    size_t pos = vpRegistryHash(entry & ~VP_REGISTRY_KIND_MASK) & (size - 1);

    while (vpRegistryLive(table[pos]))
        pos = (pos + 1) & (size - 1);
    table[pos] = entry;
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
        if (vpRegistryLive(slots[i]))
            vpRegistryInsert(fresh, size, slots[i]);
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
    uintptr_t v = (uintptr_t)ptr;

    /* malloc'd handles always leave the low bits free */
    if (!ptr || (v & VP_REGISTRY_KIND_MASK) ||
        ((uintptr_t)kind & ~VP_REGISTRY_KIND_MASK) || !kind)
        return -1;
    if ((nused + 1) * 2 > nslots && vpRegistryRehash() < 0)
        return -1;
    vpRegistryInsert(slots, nslots, v | (uintptr_t)kind);
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
    *slot = VP_REGISTRY_TOMBSTONE;
    nlive--;
}
