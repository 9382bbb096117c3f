/*
 * qemu-uri.c: where a qemu:// URI says the QEMU driver's state lives.
 *
 *   qemu:///system            libvirt's system paths; pids are checked
 *   qemu:///session           libvirt's per-user paths (below); pids checked
 *   qemu:///embed?root=DIR    libvirt's embedded driver layout under DIR
 *   qemu:///system?root=DIR   the system layout under DIR, read as it is
 *                             (a copied tree: its pids mean nothing here)
 *
 * Session paths, as libvirt 9.0 computes them for an unprivileged driver:
 * config base C = $XDG_CONFIG_HOME/libvirt (else ~/.config/libvirt): configs
 * in C/qemu, autostart links in C/qemu/autostart, managed saves, snapshots
 * and checkpoints in C/qemu/{save,snapshot,checkpoint}; status files in
 * R/libvirt/qemu/run where R = $XDG_RUNTIME_DIR, else $XDG_CACHE_HOME, else
 * ~/.cache (libvirt's virQEMUDriverConfigNew with GLib's user directories).
 *
 * Parameters: root= (absolute), qmp_dir= (default ROOT/run/virtplug/qmp, for
 * session $XDG_RUNTIME_DIR/virtplug/qmp), qmp_timeout= (milliseconds,
 * 1..600000, default 1000).  Any other path is refused the way libvirt's
 * QEMU driver refuses it.
 */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu-backend.h"

static char *
qemuJoin(const char *a, const char *b)
{
    size_t len = strlen(a) + strlen(b) + 1;
    char *s = malloc(len);

    if (s)
        snprintf(s, len, "%s%s", a, b);
    return s;
}

void
qemuConnFree(qemuConn *conn)
{
    if (!conn)
        return;
    free(conn->config_dir);
    free(conn->autostart_dir);
    free(conn->status_dir);
    free(conn->save_dir);
    free(conn->snapshot_dir);
    free(conn->checkpoint_dir);
    free(conn->qmp_dir);
    free(conn);
}

/* Fills the six libvirt directories from three bases. */
static int
qemuConnSetDirs(qemuConn *conn, const char *config, const char *run,
                const char *lib)
{
    conn->config_dir = strdup(config);
    conn->autostart_dir = qemuJoin(config, "/autostart");
    conn->status_dir = strdup(run);
    conn->save_dir = qemuJoin(lib, "/save");
    conn->snapshot_dir = qemuJoin(lib, "/snapshot");
    conn->checkpoint_dir = qemuJoin(lib, "/checkpoint");
    if (!conn->config_dir || !conn->autostart_dir || !conn->status_dir ||
        !conn->save_dir || !conn->snapshot_dir || !conn->checkpoint_dir)
        return -1;
    return 0;
}

/* The user's home directory: $HOME, else the password database. */
static const char *
qemuHomeDir(void)
{
    const char *home = secure_getenv("HOME");
    struct passwd *pw;

    if (home && home[0] == '/')
        return home;
    pw = getpwuid(getuid());
    return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

/* $VAR if set to an absolute path, else HOME/fallback; malloc'd or NULL. */
static char *
qemuXdgDir(const char *var, const char *fallback)
{
    const char *val = secure_getenv(var);
    const char *home;

    if (val && val[0] == '/')
        return strdup(val);
    if (!(home = qemuHomeDir()))
        return NULL;
    return qemuJoin(home, fallback);
}

static int
qemuConnSession(qemuConn *conn)
{
    char *cfgbase = qemuXdgDir("XDG_CONFIG_HOME", "/.config");
    /* GLib's user runtime dir falls back to the user cache dir. */
    char *runbase = secure_getenv("XDG_RUNTIME_DIR") &&
        secure_getenv("XDG_RUNTIME_DIR")[0] == '/' ?
        strdup(secure_getenv("XDG_RUNTIME_DIR")) :
        qemuXdgDir("XDG_CACHE_HOME", "/.cache");
    char *config = NULL, *run = NULL, *lib = NULL;
    int ret = -1;

    if (!cfgbase || !runbase) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INTERNAL_ERROR, "%s",
                              "cannot determine the user's home directory");
        goto cleanup;
    }
    config = qemuJoin(cfgbase, "/libvirt/qemu");
    run = qemuJoin(runbase, "/libvirt/qemu/run");
    lib = config;   /* save, snapshot, checkpoint live under C/qemu */
    conn->qmp_dir = qemuJoin(runbase, "/virtplug/qmp");
    if (!config || !run || !conn->qmp_dir ||
        qemuConnSetDirs(conn, config, run, lib) < 0) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                              "opening the session");
        goto cleanup;
    }
    ret = 0;

 cleanup:
    free(cfgbase);
    free(runbase);
    free(config);
    free(run);
    return ret;
}

/* root is "" for the real host. */
static int
qemuConnUnderRoot(qemuConn *conn, const char *root, bool embed)
{
    char *config, *run, *lib;
    int ret = 0;

    if (embed) {
        config = qemuJoin(root, "/etc/qemu");
        run = qemuJoin(root, "/run/qemu");
        lib = qemuJoin(root, "/lib/qemu");
    } else {
        config = qemuJoin(root, "/etc/libvirt/qemu");
        run = qemuJoin(root, "/run/libvirt/qemu");
        lib = qemuJoin(root, "/var/lib/libvirt/qemu");
    }
    if (!config || !run || !lib || qemuConnSetDirs(conn, config, run, lib) < 0)
        ret = -1;
    if (!conn->qmp_dir && !(conn->qmp_dir = qemuJoin(root, QEMU_DEFAULT_QMP_DIR)))
        ret = -1;
    if (ret < 0)
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                              "opening the connection");
    free(config);
    free(run);
    free(lib);
    return ret;
}

/* A root without trailing slashes ("/" stays the host itself: ""). */
static char *
qemuRootParam(const char *root)
{
    size_t n = strlen(root);
    char *copy;

    while (n > 0 && root[n - 1] == '/')
        n--;
    if (!(copy = malloc(n + 1)))
        return NULL;
    memcpy(copy, root, n);
    copy[n] = '\0';
    return copy;
}

static int
qemuParseTimeout(const char *str, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(str, &end, 10);
    if (!*str || *end || errno || v < 1 || v > QEMU_MAX_QMP_TIMEOUT_MS)
        return -1;
    *out = (int)v;
    return 0;
}

virtplugOpenStatus
qemuConnOpen(const virtplugURI *uri, qemuConn **connp)
{
    const char *root = qemuHost->uriParam(uri, "root");
    const char *qmp_dir = qemuHost->uriParam(uri, "qmp_dir");
    const char *timeout = qemuHost->uriParam(uri, "qmp_timeout");
    const char *path = uri->path ? uri->path : "";
    qemuConn *conn;
    char *rootdir = NULL;
    int rc;

    *connp = NULL;
    if (strcmp(path, "/system") != 0 && strcmp(path, "/session") != 0 &&
        strcmp(path, "/embed") != 0) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INTERNAL_ERROR,
                              "unexpected QEMU URI path '%s', try qemu:///system",
                              path);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (strcmp(path, "/embed") == 0 && !root) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG, "%s",
                              "Missing URI parameter 'root'");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (root && root[0] != '/') {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                              "root path must be absolute");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (root && strcmp(path, "/session") == 0) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG, "%s",
                              "URI parameter 'root' is only valid with qemu:///system or qemu:///embed");
        return VIRTPLUG_OPEN_ERROR;
    }
    if (qmp_dir && qmp_dir[0] != '/') {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG,
                              "qmp_dir must be an absolute path, not '%s'",
                              qmp_dir);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (!(conn = calloc(1, sizeof(*conn)))) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                              "opening the connection");
        return VIRTPLUG_OPEN_ERROR;
    }
    conn->qmp_timeout_ms = QEMU_DEFAULT_QMP_TIMEOUT_MS;
    if (timeout && qemuParseTimeout(timeout, &conn->qmp_timeout_ms) < 0) {
        qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_INVALID_ARG,
                              "qmp_timeout must be a number of milliseconds from 1 to %d, not '%s'",
                              QEMU_MAX_QMP_TIMEOUT_MS, timeout);
        goto error;
    }
    if (qmp_dir && !(conn->qmp_dir = strdup(qmp_dir)))
        goto nomem;

    if (strcmp(path, "/session") == 0) {
        rc = qemuConnSession(conn);
        conn->layout.check_pids = true;
    } else {
        if (root && !(rootdir = qemuRootParam(root)))
            goto nomem;
        rc = qemuConnUnderRoot(conn, rootdir ? rootdir : "",
                               strcmp(path, "/embed") == 0);
        /* The live host, and an embed root (its guests run here), have
         * pids that mean something; a copied system tree has not. */
        conn->layout.check_pids = !root || strcmp(path, "/embed") == 0;
        free(rootdir);
    }
    if (rc < 0)
        goto error;

    conn->layout.config_dir = conn->config_dir;
    conn->layout.autostart_dir = conn->autostart_dir;
    conn->layout.status_dir = conn->status_dir;
    conn->layout.save_dir = conn->save_dir;
    conn->layout.snapshot_dir = conn->snapshot_dir;
    conn->layout.checkpoint_dir = conn->checkpoint_dir;
    conn->layout.error_from = VIR_FROM_QEMU;
    *connp = conn;
    return VIRTPLUG_OPEN_SUCCESS;

 nomem:
    qemuHost->reportError(VIR_FROM_QEMU, VIR_ERR_NO_MEMORY, "%s",
                          "opening the connection");
 error:
    qemuConnFree(conn);
    return VIRTPLUG_OPEN_ERROR;
}
