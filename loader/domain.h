/*
 * domain.h: domain handles.
 * Private to the loader (domain.c).
 */
#ifndef VP_DOMAIN_H
#define VP_DOMAIN_H

#include <pthread.h>

#include <virtplug/virtplug.h>
#include <virtplug/virtplug-backend.h>

struct _virDomain {
    int refs;                  /* under the registry lock */
    virConnectPtr conn;        /* holds a reference */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    /* info, title and description are guarded by one of domain.c's
     * shared locks (vpDomainLock) */
    virtplugDomainInfo info;   /* what was known at creation, then cached */
    char *title;
    char *description;
};

/* A new handle from a record (takes a conn reference); NULL on OOM. */
virDomainPtr vpDomainNew(virConnectPtr conn, const virtplugDomainRecord *rec);
/* The same, taking the record's strings over (they are NULL after a
 * success), so that a listing does not hold every string twice. */
virDomainPtr vpDomainNewTake(virConnectPtr conn, virtplugDomainRecord *rec);
/* Like vpConnectAcquire, for domains (also holds the domain's conn). */
int vpDomainAcquire(virDomainPtr dom, const char *func);
void vpDomainRelease(virDomainPtr dom);
/* Makes sure `attrs` are known for dom, asking the backend once for the
 * missing ones; then copies the info out.  Returns 0, or -1 with an error
 * (VIR_ERR_NO_DOMAIN if the domain is gone). */
int vpDomainGetInfo(virDomainPtr dom, unsigned int attrs,
                    virtplugDomainInfo *info, char **text);

#endif /* VP_DOMAIN_H */
