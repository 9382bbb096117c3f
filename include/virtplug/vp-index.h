/*
 * vp-index.h: a hash index from keys to positions in the caller's array,
 * and the hash function behind it.
 *
 * Hosts may hold hundreds of thousands of domains; finding duplicates by
 * name or UUID must not be quadratic.  The index stores positions only:
 * the keys stay in the caller's array and are fetched through a callback,
 * so the array may be reallocated freely.  Open addressing with linear
 * probing, kept at most half full.  Not thread-safe: one index, one lock
 * (or one thread).
 */
#ifndef VP_INDEX_H
#define VP_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits, over data[0..len), starting from `seed`: pass
 * VP_HASH_SEED, or the result of an earlier call to hash a key made of
 * several pieces.  Stable across releases: a backend may derive
 * identities (UUIDs, ids) from it. */
#define VP_HASH_SEED UINT64_C(0xcbf29ce484222325)
uint64_t vpHashBytes(const void *data, size_t len, uint64_t seed);

/* Returns the key of element `pos` and its length. */
typedef const void *(*vpIndexKeyFunc)(const void *opaque, size_t pos,
                                      size_t *len);

/* The fields are the index's own; use the functions below. */
typedef struct {
    size_t *slots;
    size_t nslots;
    size_t used;
    vpIndexKeyFunc keyfn;
    const void *opaque;
} vpIndex;

/* An empty index whose keys come from keyfn(opaque, pos, &len). */
void vpIndexInit(vpIndex *idx, vpIndexKeyFunc keyfn, const void *opaque);

/* Frees the slots; the index is empty again and may be reused. */
void vpIndexClear(vpIndex *idx);

/* The position of the element whose key equals key[0..len), or -1. */
long long vpIndexFind(const vpIndex *idx, const void *key, size_t len);

/* Adds position `pos`, whose key must not be in the index yet.  Returns 0,
 * or -1 when out of memory (the index is unchanged). */
int vpIndexAdd(vpIndex *idx, size_t pos);

#endif /* VP_INDEX_H */
