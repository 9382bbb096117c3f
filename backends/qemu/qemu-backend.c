/*
 * qemu-backend.c: the "qemu" backend's descriptor, listing and lookup.
 *
 * Domains come from two places, asked in this order:
 *  1. libvirt's QEMU driver state files (vp-libvirt-state), and
 *  2. standalone QEMU processes found through their QMP sockets
 *     (qemu-qmp.h), never touching a socket that a libvirt status file
 *     names as its monitor.
 * The sink keeps the first record of a name or UUID, so a domain seen by
 * both is listed once, as libvirt sees it.
 *
 * hv_version is 0: the installed QEMU's version is only known by running
 * it, which a listing must not do.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qemu-backend.h"

const virtplugHost *qemuHost;

static virtplugOpenStatus
qemuOpen(const virtplugURI *uri, unsigned int flags, void **priv,
         char **canonical_uri)
{
    qemuConn *conn;
    virtplugOpenStatus rc;

    (void)flags;
    *priv = NULL;
    *canonical_uri = NULL;  /* libvirt prints the URI as it was given */

    if (strcmp(uri->scheme, "qemu") != 0)
        return VIRTPLUG_OPEN_DECLINED;
    /* qemu://HOST/... and qemu+ssh:// are libvirt's remote driver. */
    if (uri->server && uri->server[0])
        return VIRTPLUG_OPEN_DECLINED;

    if ((rc = qemuConnOpen(uri, &conn)) != VIRTPLUG_OPEN_SUCCESS)
        return rc;
    *priv = conn;
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
qemuClose(void *priv)
{
    qemuConnFree(priv);
}

static void
qemuFreePaths(char **paths)
{
    size_t i;

    if (!paths)
        return;
    for (i = 0; paths[i]; i++)
        free(paths[i]);
    free(paths);
}

static bool
qemuIsDir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sets up cfg; *paths must be freed with qemuFreePaths.  Returns -1 after
 * reporting an error. */
static int
qemuQmpSetup(const qemuConn *conn, qemuQmpConfig *cfg, char ***paths)
{
    *paths = vpLibvirtStateMonitorPaths(qemuHost, &conn->layout);
    if (!*paths) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                              "reading monitor paths");
        return -1;
    }
    cfg->qmp_dir = conn->qmp_dir;
    cfg->timeout_ms = conn->qmp_timeout_ms;
    cfg->skip_paths = (const char *const *)*paths;
    return 0;
}

static int
qemuListAllDomains(void *priv, unsigned int flags, virtplugDomainSink *sink)
{
    qemuConn *conn = priv;
    qemuQmpConfig cfg;
    char **paths;
    int rc;

    if (vpLibvirtStateList(qemuHost, &conn->layout, flags, sink) < 0)
        return -1;

    /* Without a QMP directory, or for flags no standalone QEMU can match,
     * skip reading every status file for its monitor path. */
    if (!qemuQmpMayMatch(flags) || !qemuIsDir(conn->qmp_dir))
        return 0;

    if (qemuQmpSetup(conn, &cfg, &paths) < 0)
        return -1;
    rc = qemuQmpList(qemuHost, &cfg, flags, sink);
    qemuFreePaths(paths);
    return rc;
}

static int
qemuLookup(void *priv, const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    qemuConn *conn = priv;
    qemuQmpConfig cfg;
    char **paths;
    int rc;

    if ((rc = vpLibvirtStateLookup(qemuHost, &conn->layout, key, sink)) != 0)
        return rc;
    if (!qemuIsDir(conn->qmp_dir))
        return 0;
    if (qemuQmpSetup(conn, &cfg, &paths) < 0)
        return -1;
    rc = qemuQmpLookup(qemuHost, &cfg, key, sink);
    qemuFreePaths(paths);
    return rc;
}

static int
qemuProbe(void)
{
    return qemuIsDir("/etc/libvirt/qemu") || qemuIsDir("/run/libvirt/qemu") ||
        qemuIsDir(QEMU_DEFAULT_QMP_DIR);
}

static const char *const qemuSchemes[] = { "qemu", NULL };

static const virtplugBackend qemuBackend = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugBackend),
    .name = "qemu",
    .hv_type = "QEMU",
    .hv_version = 0,
    .uri_schemes = qemuSchemes,
    .groups = VIRTPLUG_GROUPS_ALL,
    .probe_priority = 10,
    .probe_uri = "qemu:///system",
    .probe = qemuProbe,
    .open = qemuOpen,
    .close = qemuClose,
    .listAllDomains = qemuListAllDomains,
    .lookup = qemuLookup,
};

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *virtplug_backend_entry(
    const virtplugHost *host);

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *
virtplug_backend_entry(const virtplugHost *host)
{
    if (!virtplugHostUsable(host))
        return NULL;
    qemuHost = host;
    return &qemuBackend;
}
