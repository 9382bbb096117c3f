/*
 * list-sort.h: virsh's order for listed domains.
 */
#ifndef VIRTPLUG_TOOL_LIST_SORT_H
#define VIRTPLUG_TOOL_LIST_SORT_H

#include <stddef.h>

#include <virtplug/virtplug.h>

/* Active domains by ascending id, then inactive ones by name compared
 * case-insensitively (strcasecmp).  NULL entries go last. */
void vpListSort(virDomainPtr *doms, size_t n);

/* The comparison itself, on (id, name) pairs; id (unsigned int) -1 means
 * inactive.  Exposed for tests. */
int vpListCompare(unsigned int ida, const char *namea,
                  unsigned int idb, const char *nameb);

#endif /* VIRTPLUG_TOOL_LIST_SORT_H */
