/*
 * host-api.c: the connection-level questions about the host (hypervisor
 * version, host name, node info, transport security).
 */
#include <config.h>

#include <limits.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "connect.h"
#include "driver-errors.h"
#include "errors.h"
#include "host-table.h"
#include "node-info.h"
#include "vp-export.h"

/* libvirt's test driver answers from its node XML; these are the figures of
 * its built-in node (test:///default). */
static const virNodeInfo testDefaultNode = {
    "i686", 3 * 1024 * 1024, 16, 1400, 2, 2, 2, 2
};

static int
vpHostBegin(virConnectPtr conn, const char *func)
{
    virResetLastError();
    if (vpConnectAcquire(conn, func) < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}

static int
vpHostFail(virConnectPtr conn)
{
    vpErrorDispatch(conn);
    vpConnectRelease(conn);
    return -1;
}

VP_PUBLIC int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    const virtplugBackend *backend;

    if (vpHostBegin(conn, "virConnectGetVersion") < 0)
        return -1;
    if (!hvVer) {
        vpReportInvalidArg("%s in %s must not be NULL", "hvVer",
                           "virConnectGetVersion");
        return vpHostFail(conn);
    }
    backend = vpConnectBackend(conn);
    if (VIRTPLUG_BACKEND_HAS(backend, connectGetVersion)) {
        if (backend->connectGetVersion(&vpHostTable, conn->priv, hvVer) < 0) {
            if (!virGetLastError())
                vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                              "the %s backend failed to tell its version",
                              backend->name);
            return vpHostFail(conn);
        }
    } else {
        *hvVer = backend->hv_version;
    }
    vpConnectRelease(conn);
    return 0;
}

/* gethostname(), made fully qualified through the resolver unless it
 * already is (or is localhost), as libvirt's virGetHostname does. */
static char *
vpHostname(void)
{
    char name[HOST_NAME_MAX + 1];
    struct addrinfo hints, *res = NULL;
    char *ret;

    if (gethostname(name, sizeof(name)) < 0) {
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                      "failed to determine host name");
        return NULL;
    }
    name[sizeof(name) - 1] = '\0';
    if (strncmp(name, "localhost", 9) == 0 || strchr(name, '.'))
        return strdup(name);
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_CANONNAME | AI_CANONIDN;
    hints.ai_family = AF_UNSPEC;
    if (getaddrinfo(name, NULL, &hints, &res) != 0)
        return strdup(name);
    if (res->ai_canonname && strncmp(res->ai_canonname, "localhost", 9) != 0)
        ret = strdup(res->ai_canonname);
    else
        ret = strdup(name);
    freeaddrinfo(res);
    return ret;
}

VP_PUBLIC char *
virConnectGetHostname(virConnectPtr conn)
{
    char *name;

    if (vpHostBegin(conn, "virConnectGetHostname") < 0)
        return NULL;
    if (!(name = vpHostname())) {
        if (!virGetLastError())
            vpErrorReportOOM();
        vpHostFail(conn);
        return NULL;
    }
    vpConnectRelease(conn);
    return name;
}

/* Every virtplug connection is local (no transport), which libvirt rates
 * secure and not encrypted. */
VP_PUBLIC int
virConnectIsSecure(virConnectPtr conn)
{
    if (vpHostBegin(conn, "virConnectIsSecure") < 0)
        return -1;
    vpConnectRelease(conn);
    return 1;
}

VP_PUBLIC int
virConnectIsEncrypted(virConnectPtr conn)
{
    if (vpHostBegin(conn, "virConnectIsEncrypted") < 0)
        return -1;
    vpConnectRelease(conn);
    return 0;
}

VP_PUBLIC int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    const virtplugBackend *backend;

    if (vpHostBegin(conn, "virNodeGetInfo") < 0)
        return -1;
    if (!info) {
        vpReportInvalidArg("%s in %s must not be NULL", "info",
                           "virNodeGetInfo");
        return vpHostFail(conn);
    }
    backend = vpConnectBackend(conn);
    if (strcmp(backend->name, "test") == 0) {
        *info = testDefaultNode;
    } else if (strcmp(backend->name, "qemu") == 0) {
        /* libvirt's QEMU driver describes the machine it runs on, for
         * embedded (root=) connections too. */
        if (vpNodeInfoLocalHost(info) < 0)
            return vpHostFail(conn);
    } else {
        /* Xen's figures come from the hypervisor, not from dom0's /proc. */
        vpErrorReport(vpBackendErrorDomain(backend), VIR_ERR_NO_SUPPORT,
                      "%s", "virNodeGetInfo");
        return vpHostFail(conn);
    }
    vpConnectRelease(conn);
    return 0;
}
