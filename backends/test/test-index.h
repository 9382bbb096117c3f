/*
 * test-index.h: a hash index from a key to a position in an array.
 *
 * Nodes may hold hundreds of thousands of domains or snapshots; checking
 * names and UUIDs for duplicates must not be quadratic.  The index stores
 * positions only; the keys stay in the caller's array and are fetched with
 * a callback, so the array may be reallocated freely.
 */
#ifndef TEST_INDEX_H
#define TEST_INDEX_H

#include <stddef.h>

/* Returns the key of element `pos` and its length. */
typedef const void *(*testIndexKeyFunc)(const void *opaque, size_t pos,
                                        size_t *len);

typedef struct {
    size_t *slots;       /* positions, TEST_INDEX_EMPTY when unused */
    size_t nslots;       /* a power of two, or 0 */
    size_t used;
    testIndexKeyFunc keyfn;
    const void *opaque;
} testIndex;

void testIndexInit(testIndex *idx, testIndexKeyFunc keyfn,
                   const void *opaque);
void testIndexClear(testIndex *idx);

/* The position of the element whose key equals key[0..len), or -1. */
long long testIndexFind(const testIndex *idx, const void *key, size_t len);

/* Adds position `pos` (its key must not be present).  Returns 0 or -1 when
 * out of memory. */
int testIndexAdd(testIndex *idx, size_t pos);

#endif /* TEST_INDEX_H */
