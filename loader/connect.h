/*
 * connect.h: connection objects.
 * Private to the loader (connect.c).
 */
#ifndef VP_CONNECT_H
#define VP_CONNECT_H

#include <pthread.h>
#include <stdbool.h>

#include <virtplug/virtplug.h>
#include <virtplug/virtplug-backend.h>
#include "errors.h"
#include "module-loader.h"

struct _virConnect {
    int refs;                  /* under the registry lock */
    const vpModule *module;
    void *priv;
    char *uri;
    bool readonly;             /* opened read-only (set once, at open) */
    vpErrorSlot err;           /* the last error dispatched on this conn */
};

/* Checks conn and takes a reference for the duration of a call; reports
 * INVALID_CONN naming `func` and returns -1 on a bad pointer. */
int vpConnectAcquire(virConnectPtr conn, const char *func);
/* Drops a reference taken by vpConnectAcquire or held by a domain. */
void vpConnectRelease(virConnectPtr conn);
const virtplugBackend *vpConnectBackend(virConnectPtr conn);

/* The end of a failed public call on conn (NULL when the call has none):
 * see vpErrorDispatchTo. */
static inline void
vpErrorDispatch(virConnectPtr conn)
{
    vpErrorDispatchTo(conn ? &conn->err : NULL);
}

#endif /* VP_CONNECT_H */
