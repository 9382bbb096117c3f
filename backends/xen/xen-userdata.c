/*
 * xen-userdata.c: scanning /var/lib/xen for libxl-json userdata files.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-json.h>
#include "xen-libxl-json.h"
#include "xen-userdata.h"

#define XEN_USERDATA_PREFIX "userdata-d."
#define XEN_USERDATA_SUFFIX ".libxl-json"
/* Xen's first reserved domid (DOMID_FIRST_RESERVED): real domids are below. */
#define XEN_DOMID_LIMIT 0x7ff0
#define XEN_UUID_TEXT_LEN 36

/* Splits "userdata-d.DOMID.UUID.libxl-json" (LIBXL_UUID_FMT: lower-case
 * 8-4-4-4-12).  Other kinds ('n' temporary, 'l' lock) and other userids do
 * not match.  Returns 0 or -1. */
static int
xenUserdataParseName(const virtplugHost *host, const char *fname, int *domid,
                     unsigned char uuid[VIR_UUID_BUFLEN])
{
    const char *p = fname;
    char text[XEN_UUID_TEXT_LEN + 1];
    long id = 0;
    int i;

    if (strncmp(p, XEN_USERDATA_PREFIX, strlen(XEN_USERDATA_PREFIX)) != 0)
        return -1;
    p += strlen(XEN_USERDATA_PREFIX);
    if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '.'))
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        id = id * 10 + (*p - '0');
        if (id >= XEN_DOMID_LIMIT)
            return -1;
    }
    if (*p++ != '.')
        return -1;
    for (i = 0; i < XEN_UUID_TEXT_LEN; i++) {
        char c = p[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;

        if (dash ? c != '-' :
            !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return -1;
        text[i] = c;
    }
    text[XEN_UUID_TEXT_LEN] = '\0';
    p += XEN_UUID_TEXT_LEN;
    if (strcmp(p, XEN_USERDATA_SUFFIX) != 0)
        return -1;
    if (host->uuidParse(text, uuid) < 0)
        return -1;
    *domid = (int)id;
    return 0;
}

/* Reads one userdata file.  Returns 1 with ref filled in, 0 when the file
 * is to be skipped quietly (stale, vanished, Domain-0), -1 when it was
 * malformed (warned). */
static int
xenUserdataRead(const xenPriv *priv, int dirfd, const char *fname, int domid,
                const unsigned char uuid[VIR_UUID_BUFLEN], xenDomainRef *ref)
{
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    char *what = NULL;
    vpFileStatus st_read;
    int ret = -1;

    if (fstatat(dirfd, fname, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return 0;   /* destroyed since readdir() */
    if (priv->boot_time >= 0 && (long long)st.st_mtime < priv->boot_time)
        return 0;   /* left over from before the last boot */

    if (!(what = vpPathJoin(priv->lib_dir, fname)))
        return -1;
    /* Room for the largest document vpJsonParse accepts plus its NUL. */
    st_read = vpFileRead(priv->host, VIR_FROM_LIBXL, dirfd, fname, false,
                         VP_JSON_MAX_SIZE + 1, &buf, &len);
    if (st_read == VP_FILE_MISSING) {
        ret = 0;
        goto cleanup;
    }
    if (st_read != VP_FILE_OK)
        goto cleanup;

    if (xenLibxlJsonIdentity(priv->host, buf, len, what, uuid, ref) < 0)
        goto cleanup;
    if (strcmp(ref->name, "Domain-0") == 0) {
        free(ref->name);
        ref->name = NULL;
        ret = 0;
        goto cleanup;
    }
    ref->id = domid;
    ret = 1;

 cleanup:
    free(buf);
    free(what);
    return ret;
}

int
xenUserdataForEach(const xenPriv *priv, int want_id,
                   const unsigned char *want_uuid,
                   xenDomainFunc cb, void *opaque)
{
    int fd;
    DIR *dir;
    struct dirent *ent;
    int ret = 0;

    fd = open(priv->lib_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            priv->host->warn(VIR_FROM_LIBXL, "cannot read directory %s: %s",
                             priv->lib_dir, strerror(errno));
        return 0;
    }
    if (!(dir = fdopendir(fd))) {
        close(fd);
        return 0;
    }

    while ((ent = readdir(dir))) {
        unsigned char uuid[VIR_UUID_BUFLEN];
        xenDomainRef ref = { .name = NULL, .id = -1 };
        int domid;
        int rc;

        if (xenUserdataParseName(priv->host, ent->d_name, &domid, uuid) < 0)
            continue;
        if (domid == 0)
            continue;   /* Domain-0 is the host, never a listed domain */
        if (want_id >= 0 && domid != want_id)
            continue;
        if (want_uuid && memcmp(want_uuid, uuid, VIR_UUID_BUFLEN) != 0)
            continue;
        if (xenUserdataRead(priv, dirfd(dir), ent->d_name, domid, uuid,
                            &ref) <= 0)
            continue;
        rc = cb(&ref, opaque);
        free(ref.name);
        if (rc != 0) {
            ret = 1;
            break;
        }
    }
    closedir(dir);
    return ret;
}
