/*
 * test-index.c: open addressing with linear probing, kept at most half full.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test-index.h"

#define TEST_INDEX_EMPTY SIZE_MAX

static uint64_t
testIndexHash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

void
testIndexInit(testIndex *idx, testIndexKeyFunc keyfn, const void *opaque)
{
    memset(idx, 0, sizeof(*idx));
    idx->keyfn = keyfn;
    idx->opaque = opaque;
}

void
testIndexClear(testIndex *idx)
{
    free(idx->slots);
    idx->slots = NULL;
    idx->nslots = 0;
    idx->used = 0;
}

long long
testIndexFind(const testIndex *idx, const void *key, size_t len)
{
    size_t mask, i;

    if (idx->nslots == 0)
        return -1;
    mask = idx->nslots - 1;
    for (i = (size_t)testIndexHash(key, len) & mask;
         idx->slots[i] != TEST_INDEX_EMPTY; i = (i + 1) & mask) {
        size_t klen;
        const void *k = idx->keyfn(idx->opaque, idx->slots[i], &klen);

        if (klen == len && memcmp(k, key, len) == 0)
            return (long long)idx->slots[i];
    }
    return -1;
}

static void
testIndexPut(size_t *slots, size_t nslots, const testIndex *idx, size_t pos)
{
    size_t len, mask = nslots - 1, i;
    const void *key = idx->keyfn(idx->opaque, pos, &len);

    for (i = (size_t)testIndexHash(key, len) & mask;
         slots[i] != TEST_INDEX_EMPTY; i = (i + 1) & mask)
        ;
    slots[i] = pos;
}

int
testIndexAdd(testIndex *idx, size_t pos)
{
    if ((idx->used + 1) * 2 > idx->nslots) {
        size_t n = idx->nslots ? idx->nslots * 2 : 16;
        size_t *slots, i;

        if (n < idx->nslots || n > SIZE_MAX / sizeof(*slots))
            return -1;
        if ((slots = malloc(n * sizeof(*slots))) == NULL)
            return -1;
        for (i = 0; i < n; i++)
            slots[i] = TEST_INDEX_EMPTY;
        for (i = 0; i < idx->nslots; i++) {
            if (idx->slots[i] != TEST_INDEX_EMPTY)
                testIndexPut(slots, n, idx, idx->slots[i]);
        }
        free(idx->slots);
        idx->slots = slots;
        idx->nslots = n;
    }
    testIndexPut(idx->slots, idx->nslots, idx, pos);
    idx->used++;
    return 0;
}
