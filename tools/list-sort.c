/*
 * list-sort.c: the order virsh prints domains in (see list-sort.h).
 */
#include <config.h>

#include "list-sort.h"

#include <stdlib.h>
#include <strings.h>

#define INACTIVE_ID ((unsigned int) -1)

int
vpListCompare(unsigned int ida, const char *namea,
              unsigned int idb, const char *nameb)
{
    if (ida == INACTIVE_ID && idb == INACTIVE_ID)
        return strcasecmp(namea ? namea : "", nameb ? nameb : "");
    if (ida != INACTIVE_ID && idb != INACTIVE_ID)
        return ida < idb ? -1 : ida > idb ? 1 : 0;
    return ida != INACTIVE_ID ? -1 : 1;
}

/* A domain with its sort key, taken once: a comparison that asked the
 * library would make two public calls per side, n log n times. */
typedef struct {
    virDomainPtr dom;
    unsigned int id;
    const char *name;
} sortKey;

static int
compareKeys(const void *a, const void *b)
{
    const sortKey *ka = a;
    const sortKey *kb = b;

    if (!ka->dom)
        return kb->dom != NULL;
    if (!kb->dom)
        return -1;
    return vpListCompare(ka->id, ka->name, kb->id, kb->name);
}

static int
compareDomains(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr const *) a;
    virDomainPtr db = *(virDomainPtr const *) b;

    if (!da)
        return db != NULL;
    if (!db)
        return -1;
    return vpListCompare(virDomainGetID(da), virDomainGetName(da),
                         virDomainGetID(db), virDomainGetName(db));
}

void
vpListSort(virDomainPtr *doms, size_t n)
{
    sortKey *keys;
    size_t i;

    if (!doms || n < 2)
        return;
    if (!(keys = malloc(n * sizeof(*keys)))) {
        /* the same order, only slower */
        qsort(doms, n, sizeof(*doms), compareDomains);
        return;
    }
    for (i = 0; i < n; i++) {
        keys[i].dom = doms[i];
        keys[i].id = doms[i] ? virDomainGetID(doms[i]) : INACTIVE_ID;
        keys[i].name = doms[i] ? virDomainGetName(doms[i]) : NULL;
    }
    qsort(keys, n, sizeof(*keys), compareKeys);
    for (i = 0; i < n; i++)
        doms[i] = keys[i].dom;
    free(keys);
}
