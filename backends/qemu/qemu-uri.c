/*
 * qemu-uri.c: where a qemu:// URI says the QEMU driver's state lives.
 *
 *   qemu:///system            libvirt's system paths; pids are checked
 *   qemu:///session           libvirt's per-user paths (below); pids checked
 *   qemu:///embed?root=DIR    libvirt's embedded driver layout under DIR
 *   qemu:///system?root=DIR   the system layout under DIR, read as it is
 *                             (a copied tree: its pids mean nothing here)
 *
 * The directories of each layout come from the SDK's libvirt layout helper
 * (vp-libvirt-layout.h).
 *
 * Parameters: root= (absolute), qmp_dir= (default ROOT/run/virtplug/qmp, for
 * session $XDG_RUNTIME_DIR/virtplug/qmp), qmp_timeout= (milliseconds,
 * 1..600000, default 1000).  Any other path is refused the way libvirt's
 * QEMU driver refuses it.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-parse.h>
#include "qemu-backend.h"

void
qemuConnFree(qemuConn *conn)
{
    if (!conn)
        return;
    vpLibvirtPathsFree(conn->paths);
    free(conn->qmp_dir);
    free(conn->caps_dir);
    free(conn);
}

/* Where libvirt caches what it probed of each QEMU binary: its cache
 * directory (SYSTEM ROOT/var/cache/libvirt/qemu, EMBED ROOT/cache/qemu,
 * SESSION $XDG_CACHE_HOME/libvirt/qemu) + /capabilities. */
static char *
qemuCapsDir(vpLibvirtMode mode, const char *root)
{
    const char *base;
    char *dir = NULL;
    int rc = -1;

    switch (mode) {
    case VP_LIBVIRT_EMBED:
        rc = asprintf(&dir, "%s/cache/qemu/capabilities", root);
        break;
    case VP_LIBVIRT_SESSION:
        if ((base = getenv("XDG_CACHE_HOME")) && base[0] == '/')
            rc = asprintf(&dir, "%s/libvirt/qemu/capabilities", base);
        else if ((base = getenv("HOME")))
            rc = asprintf(&dir, "%s/.cache/libvirt/qemu/capabilities", base);
        else
            rc = asprintf(&dir, "/nonexistent");
        break;
    case VP_LIBVIRT_SYSTEM:
    default:
        rc = asprintf(&dir, "%s/var/cache/libvirt/qemu/capabilities",
                      root ? root : "");
        break;
    }
    return rc < 0 ? NULL : dir;
}

static int
qemuParseTimeout(const char *str, int *out)
{
    long long v;

    if (vpParseLongLong(str, 1, QEMU_MAX_QMP_TIMEOUT_MS, &v) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

virtplugOpenStatus
qemuConnOpen(const virtplugHost *host, const virtplugURI *uri, qemuConn **connp)
{
    const char *root = host->uriParam(uri, "root");
    const char *qmp_dir = host->uriParam(uri, "qmp_dir");
    const char *timeout = host->uriParam(uri, "qmp_timeout");
    const char *path = uri->path ? uri->path : "";
    qemuConn *conn;
    vpLibvirtMode mode;

    *connp = NULL;
    if (strcmp(path, "/system") != 0 && strcmp(path, "/session") != 0 &&
        strcmp(path, "/embed") != 0) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_INTERNAL_ERROR,
                          "unexpected QEMU URI path '%s', try qemu:///system",
                          path);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (strcmp(path, "/embed") == 0 && !root) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG, "%s",
                          "Missing URI parameter 'root'");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (root && root[0] != '/') {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "root path must be absolute");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (root && strcmp(path, "/session") == 0) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG, "%s",
                          "URI parameter 'root' is only valid with qemu:///system or qemu:///embed");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (qmp_dir && qmp_dir[0] != '/') {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG,
                          "qmp_dir must be an absolute path, not '%s'",
                          qmp_dir);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (!(conn = calloc(1, sizeof(*conn)))) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                          "opening the connection");
        return VIRTPLUG_OPEN_ERROR;
    }
    conn->qmp_timeout_ms = QEMU_DEFAULT_QMP_TIMEOUT_MS;
    if (timeout && qemuParseTimeout(timeout, &conn->qmp_timeout_ms) < 0) {
        host->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG,
                          "qmp_timeout must be a number of milliseconds from 1 to %d, not '%s'",
                          QEMU_MAX_QMP_TIMEOUT_MS, timeout);
        goto error;
    }
    if (qmp_dir && !(conn->qmp_dir = strdup(qmp_dir)))
        goto nomem;

    if (strcmp(path, "/session") == 0)
        mode = VP_LIBVIRT_SESSION;
    else if (strcmp(path, "/embed") == 0)
        mode = VP_LIBVIRT_EMBED;
    else
        mode = VP_LIBVIRT_SYSTEM;
    if (!(conn->paths = vpLibvirtPathsNew(host, VIR_FROM_QEMU, root, "qemu",
                                          mode)))
        goto error;
    if (!conn->qmp_dir &&
        !(conn->qmp_dir = vpPathJoin(conn->paths->run_base, "virtplug/qmp")))
        goto nomem;
    if (!(conn->caps_dir = qemuCapsDir(mode, root)))
        goto nomem;
    *connp = conn;
    return VIRTPLUG_OPEN_SUCCESS;

 nomem:
    host->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                      "opening the connection");
 error:
    qemuConnFree(conn);
    return VIRTPLUG_OPEN_ERROR;
}
