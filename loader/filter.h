/*
 * filter.h: libvirt's list filter, applied to what backends report.
 * Private to the loader (filter.c).
 */
#ifndef VP_FILTER_H
#define VP_FILTER_H

#include <stdbool.h>

#include <virtplug/virtplug.h>
#include <virtplug/virtplug-backend.h>

#define VP_LIST_FLAGS_ALL 0xffffu

/* The groups (ATTR bits) that have a bit set in flags. */
unsigned int vpFilterGroups(unsigned int flags);
/* Checks flags for listing on `backend`; reports and returns -1. */
int vpFilterCheck(const virtplugBackend *backend, unsigned int flags,
                  const char *func);
/* libvirt's predicate: does a record with this info match flags? */
bool vpFilterMatch(const virtplugDomainInfo *info, unsigned int flags);
/* ATTR_ACTIVE plus every group that has a bit set in flags. */
unsigned int vpFilterNeed(unsigned int flags);
/* Reports INTERNAL_ERROR if the backend left out an attribute in need. */
int vpFilterCheckRecord(const virtplugBackend *backend,
                        const virtplugDomainRecord *rec, unsigned int need);
/* Lists conn's domains into sink (set up with vpFilterNeed(flags)) and
 * moves the matching records to the front of sink->recs, in backend order.
 * Returns how many match, or -1 with an error. */
int vpFilterCollect(virConnectPtr conn, unsigned int flags,
                    virtplugDomainSink *sink, const char *func);

#endif /* VP_FILTER_H */
