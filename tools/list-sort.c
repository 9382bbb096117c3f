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
    if (doms && n > 1)
        qsort(doms, n, sizeof(*doms), compareDomains);
}
