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

#include <virtplug/vp-libvirt-def.h>
#include "qemu-backend.h"

static virtplugOpenStatus
qemuOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
         unsigned int flags, void **priv, char **canonical_uri)
{
    qemuConn *conn;
    virtplugOpenStatus rc;

    (void)data;
    (void)flags;
    *priv = NULL;
    *canonical_uri = NULL;  /* libvirt prints the URI as it was given */

    if (strcmp(uri->scheme, "qemu") != 0)
        return VIRTPLUG_OPEN_DECLINED;
    /* qemu://HOST/... and qemu+ssh:// are libvirt's remote driver. */
    if (uri->server && uri->server[0])
        return VIRTPLUG_OPEN_DECLINED;

    if ((rc = qemuConnOpen(host, uri, &conn)) != VIRTPLUG_OPEN_SUCCESS)
        return rc;
    *priv = conn;
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
qemuClose(const virtplugHost *host, void *priv)
{
    (void)host;
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
qemuQmpSetup(const virtplugHost *host,
             const qemuConn *conn, qemuQmpConfig *cfg, char ***paths)
{
    *paths = vpLibvirtStateMonitorPaths(host, &conn->paths->layout);
    if (!*paths) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                          "reading monitor paths");
        return -1;
    }
    cfg->qmp_dir = conn->qmp_dir;
    cfg->timeout_ms = conn->qmp_timeout_ms;
    cfg->skip_paths = (const char *const *)*paths;
    return 0;
}

static int
qemuListAllDomains(const virtplugHost *host,
                   void *priv, unsigned int flags, virtplugDomainSink *sink)
{
    qemuConn *conn = priv;
    qemuQmpConfig cfg;
    char **paths;
    int rc;

    /* Without a QMP directory, or for flags no standalone QEMU can match,
     * no monitor path is needed. */
    if (!qemuQmpMayMatch(flags) || !qemuIsDir(conn->qmp_dir))
        return vpLibvirtStateList(host, &conn->paths->layout, flags, sink);

    /* The listing hands back the monitor paths of the status files it
     * read: each status file is read once. */
    if (vpLibvirtStateListMonitors(host, &conn->paths->layout, flags, sink,
                                   &paths) < 0)
        return -1;
    cfg.qmp_dir = conn->qmp_dir;
    cfg.timeout_ms = conn->qmp_timeout_ms;
    cfg.skip_paths = (const char *const *)paths;
    rc = qemuQmpList(host, &cfg, flags, sink);
    qemuFreePaths(paths);
    return rc;
}

static int
qemuLookup(const virtplugHost *host,
           void *priv, const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    qemuConn *conn = priv;
    qemuQmpConfig cfg;
    char **paths;
    int rc;

    if ((rc = vpLibvirtStateLookup(host, &conn->paths->layout, key, sink)) != 0)
        return rc;
    if (!qemuIsDir(conn->qmp_dir))
        return 0;
    if (qemuQmpSetup(host, conn, &cfg, &paths) < 0)
        return -1;
    rc = qemuQmpLookup(host, &cfg, key, sink);
    qemuFreePaths(paths);
    return rc;
}

/* Domains libvirt manages only: a QEMU found by its QMP socket alone has
 * no definition libvirt would show (the core then says NO_SUPPORT). */
static int
qemuDomainDoc(const virtplugHost *host, void *priv,
              const virtplugDomainKey *key, unsigned int flags,
              virtplugDomainDoc *doc)
{
    qemuConn *conn = priv;

    return vpLibvirtStateDomainDoc(host, &conn->paths->layout, key, flags,
                                   doc);
}

static int
qemuProbe(const virtplugHost *host, void *data)
{
    (void)host;
    (void)data;
    return qemuIsDir("/etc/libvirt/qemu") || qemuIsDir("/run/libvirt/qemu") ||
        qemuIsDir(QEMU_DEFAULT_QMP_DIR);
}

static const char *const qemuSchemes[] = { "qemu", NULL };

VIRTPLUG_BACKEND_DEFINE(
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
    .domainDoc = qemuDomainDoc,
    .connectGetVersion = qemuConnectGetVersion,
)
