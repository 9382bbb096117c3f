/*
 * conn-errors.c: a connection's own last error (virConnGetLastError and
 * friends).  errors.c keeps it (vpErrorSlot) without knowing connections;
 * this file reaches it through the connection.
 */
#include <config.h>

#include <virtplug/virtplug.h>

#include "connect.h"
#include "errors.h"
#include "handle-registry.h"
#include "vp-export.h"

VP_PUBLIC virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    virErrorPtr ret = NULL;

    vpRegistryLock();
    if (vpRegistryHas(conn, VP_HANDLE_CONN))
        ret = &conn->err.err;
    vpRegistryUnlock();
    return ret;
}

VP_PUBLIC int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    int ret;

    if (!to || vpConnectAcquire(conn, "virConnCopyLastError") < 0)
        return -1;
    ret = vpErrorSlotCopy(&conn->err, to);
    vpConnectRelease(conn);
    return ret;
}

VP_PUBLIC void
virConnResetLastError(virConnectPtr conn)
{
    if (vpConnectAcquire(conn, "virConnResetLastError") < 0)
        return;
    vpErrorSlotReset(&conn->err);
    vpConnectRelease(conn);
}
