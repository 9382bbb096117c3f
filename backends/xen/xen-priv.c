/*
 * xen-priv.c: the paths of one xen:// connection and the host's boot time.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-parse.h>
#include "xen-priv.h"

/* /proc/stat grows with the number of CPUs and interrupts; a regular file
 * in a copied tree that is larger than this is not a real /proc/stat. */
#define XEN_PROC_STAT_CAP (8u * 1024 * 1024)

/* Finds "btime N" in the text of /proc/stat.  Returns N or -1. */
static long long
xenParseBtime(const char *text)
{
    const char *p = text;

    while (p && *p) {
        if (strncmp(p, "btime ", 6) == 0) {
            char num[32];
            size_t n = strcspn(p + 6, "\n");
            long long v;

            if (n >= sizeof(num))
                return -1;
            memcpy(num, p + 6, n);
            num[n] = '\0';
            return vpParseLongLong(num, 1, LLONG_MAX, &v) == 0 ? v : -1;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return -1;
}

/* Reads the boot time from PATH (a /proc/stat).  /proc files report size 0,
 * so this reads up to a cap instead of trusting st_size; the file is opened
 * non-blocking and must be a regular file, so a FIFO cannot hang us.
 * Returns -1 when the file is missing or unreadable. */
static long long
xenReadBootTime(const char *path)
{
    int fd;
    struct stat st;
    char *buf = NULL;
    size_t len = 0, size = 0;
    long long btime = -1;

    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        goto cleanup;

    for (;;) {
        ssize_t n;

        if (size - len < 4096) {
            char *nbuf;

            if (size >= XEN_PROC_STAT_CAP)
                goto cleanup;
            size = size ? size * 2 : 16384;
            if (!(nbuf = realloc(buf, size + 1)))
                goto cleanup;
            buf = nbuf;
        }
        n = read(fd, buf + len, size - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto cleanup;
        }
        if (n == 0)
            break;
        len += n;
    }
    if (!buf)
        goto cleanup;
    buf[len] = '\0';
    btime = xenParseBtime(buf);

 cleanup:
    free(buf);
    close(fd);
    return btime;
}

xenPriv *
xenPrivNew(const virtplugHost *host, const char *root)
{
    xenPriv *priv = calloc(1, sizeof(*priv));
    char *stat_path = NULL;

    if (!priv)
        goto nomem;
    priv->host = host;
    /* libvirt's libxl driver keeps the system layout of every driver. */
    if (!(priv->lv = vpLibvirtPathsNew(host, VIR_FROM_LIBXL, root, "libxl",
                                       VP_LIBVIRT_SYSTEM))) {
        xenPrivFree(priv);
        return NULL;
    }
    if (!(priv->root = strdup(root)) ||
        !(priv->lib_dir = vpPathJoin(root, "var/lib/xen")) ||
        !(priv->save_dir = vpPathJoin(root, "var/lib/xen/save")) ||
        !(priv->auto_dir = vpPathJoin(root, "etc/xen/auto")) ||
        !(stat_path = vpPathJoin(root, "proc/stat")))
        goto nomem;

    priv->libvirt = priv->lv->layout;
    priv->libvirt.snapshot_dir = NULL;     /* libxl has no snapshots */
    priv->libvirt.checkpoint_dir = NULL;   /* nor checkpoints */
    /* libxl status files carry no QEMU pid to check. */
    priv->libvirt.check_pids = false;

    /* Live host: /proc/stat.  A copied tree: its own proc/stat when it has
     * one, else the boot time is unknown and no file is stale. */
    priv->boot_time = xenReadBootTime(stat_path);
    free(stat_path);
    return priv;

 nomem:
    host->reportError(VIR_FROM_LIBXL, VIR_ERR_NO_MEMORY, "%s",
                      "opening the xen backend");
    xenPrivFree(priv);
    return NULL;
}

void
xenPrivFree(xenPriv *priv)
{
    if (!priv)
        return;
    free(priv->root);
    free(priv->lib_dir);
    free(priv->save_dir);
    free(priv->auto_dir);
    vpLibvirtPathsFree(priv->lv);
    free(priv);
}

bool
xenNameIsFileSafe(const char *name)
{
    return name[0] != '\0' && !strchr(name, '/') &&
        strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static bool
xenFileInDirExists(const char *dir, const char *name, const char *suffix)
{
    char *path = vpPathJoinExt(dir, name, suffix);
    struct stat st;
    bool found;

    if (!path)
        return false;
    found = lstat(path, &st) == 0;
    free(path);
    return found;
}

bool
xenLibvirtKnowsName(const xenPriv *priv, const char *name)
{
    if (!xenNameIsFileSafe(name))
        return false;
    return xenFileInDirExists(priv->lv->config_dir, name, ".xml") ||
        xenFileInDirExists(priv->lv->status_dir, name, ".xml");
}
