/*
 * vp-index.c: the hash index of vp-index.h.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-index.h>

#define VP_INDEX_EMPTY SIZE_MAX

uint64_t
vpHashBytes(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* FNV-1a's low bits are weak for short keys; the slot is taken from them. */
static size_t
vpIndexSlotHash(const void *key, size_t len)
{
    uint64_t h = vpHashBytes(key, len, VP_HASH_SEED);

    return (size_t)(h ^ (h >> 29));
}

void
vpIndexInit(vpIndex *idx, vpIndexKeyFunc keyfn, const void *opaque)
{
    memset(idx, 0, sizeof(*idx));
    idx->keyfn = keyfn;
    idx->opaque = opaque;
}

void
vpIndexClear(vpIndex *idx)
{
    free(idx->slots);
    idx->slots = NULL;
    idx->nslots = 0;
    idx->used = 0;
}

long long
vpIndexFind(const vpIndex *idx, const void *key, size_t len)
{
    size_t mask, i;

    if (idx->nslots == 0)
        return -1;
    mask = idx->nslots - 1;
    for (i = vpIndexSlotHash(key, len) & mask;
         idx->slots[i] != VP_INDEX_EMPTY; i = (i + 1) & mask) {
        size_t klen;
        const void *k = idx->keyfn(idx->opaque, idx->slots[i], &klen);

        if (klen == len && memcmp(k, key, len) == 0)
            return (long long)idx->slots[i];
    }
    return -1;
}

static void
vpIndexPut(size_t *slots, size_t nslots, const vpIndex *idx, size_t pos)
{
    size_t len, mask = nslots - 1, i;
    const void *key = idx->keyfn(idx->opaque, pos, &len);

    for (i = vpIndexSlotHash(key, len) & mask; slots[i] != VP_INDEX_EMPTY;
         i = (i + 1) & mask)
        ;
    slots[i] = pos;
}

int
vpIndexAdd(vpIndex *idx, size_t pos)
{
    if ((idx->used + 1) * 2 > idx->nslots) {
        size_t n = idx->nslots ? idx->nslots * 2 : 16;
        size_t *slots, i;

        if (n < idx->nslots || n > SIZE_MAX / sizeof(*slots))
            return -1;
        if ((slots = malloc(n * sizeof(*slots))) == NULL)
            return -1;
        for (i = 0; i < n; i++)
            slots[i] = VP_INDEX_EMPTY;
        for (i = 0; i < idx->nslots; i++) {
            if (idx->slots[i] != VP_INDEX_EMPTY)
                vpIndexPut(slots, n, idx, idx->slots[i]);
        }
        free(idx->slots);
        idx->slots = slots;
        idx->nslots = n;
    }
    vpIndexPut(idx->slots, idx->nslots, idx, pos);
    idx->used++;
    return 0;
}
