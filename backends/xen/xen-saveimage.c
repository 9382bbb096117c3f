/*
 * xen-saveimage.c: reading the header and embedded config of xl save
 * images.  Only the first few bytes and the config are read; the memory
 * image behind them (gigabytes) is never touched.
 */
#include <config.h>

#include <byteswap.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-json.h>
#include "xen-libxl-json.h"
#include "xen-saveimage.h"

#define XEN_SAVE_MAGIC "Xen saved domain, xl format\n \0 \r"
#define XEN_SAVE_MAGIC_LEN 32
#define XEN_SAVE_BYTEORDER 0x01020304u
#define XEN_SAVE_FLAG_JSON (1u << 0)
#define XEN_SAVE_HEADER_LEN (XEN_SAVE_MAGIC_LEN + 4 * 4)

/* Reads exactly len bytes at offset; returns 0 or -1 (short file, error). */
static int
xenPreadFull(int fd, void *buf, size_t len, off_t offset)
{
    char *p = buf;

    while (len > 0) {
        ssize_t n = pread(fd, p, len, offset);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
        offset += n;
    }
    return 0;
}

static uint32_t
xenU32(const unsigned char *p, bool swap)
{
    uint32_t v;

    memcpy(&v, p, sizeof(v));
    return swap ? bswap_32(v) : v;
}

/* Reads the image `fname` in dirfd.  Returns 1 with ref filled in, 0 when
 * the file vanished or is not a save image at all (quietly skipped: the
 * directory may hold other files), -1 when a save image is damaged. */
static int
xenSaveImageRead(const xenPriv *priv, int dirfd, const char *fname,
                 xenDomainRef *ref)
{
    unsigned char hdr[XEN_SAVE_HEADER_LEN];
    unsigned char lenbuf[4];
    struct stat st;
    uint32_t order, mandatory, optlen, cfglen;
    bool swap;
    char *cfg = NULL;
    char *what = NULL;
    int fd;
    int ret = -1;

    /* Never follow a symlink, never block on a FIFO. */
    fd = openat(dirfd, fname, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    if (!(what = vpPathJoin(priv->save_dir, fname)))
        goto cleanup;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
        st.st_size < XEN_SAVE_HEADER_LEN ||
        xenPreadFull(fd, hdr, sizeof(hdr), 0) < 0 ||
        memcmp(hdr, XEN_SAVE_MAGIC, XEN_SAVE_MAGIC_LEN) != 0) {
        ret = 0;
        goto cleanup;
    }

    order = xenU32(hdr + XEN_SAVE_MAGIC_LEN, false);
    if (order == XEN_SAVE_BYTEORDER) {
        swap = false;
    } else if (order == bswap_32(XEN_SAVE_BYTEORDER)) {
        swap = true;
    } else {
        priv->host->warn(VIR_FROM_LIBXL, "%s: bad byte order marker 0x%08x",
                         what, (unsigned)order);
        goto cleanup;
    }
    mandatory = xenU32(hdr + XEN_SAVE_MAGIC_LEN + 4, swap);
    optlen = xenU32(hdr + XEN_SAVE_MAGIC_LEN + 12, swap);
    if (!(mandatory & XEN_SAVE_FLAG_JSON)) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: old xl save image without a JSON "
                         "config is not supported", what);
        goto cleanup;
    }
    if (optlen < 4 || (off_t)optlen > st.st_size - XEN_SAVE_HEADER_LEN ||
        xenPreadFull(fd, lenbuf, 4, XEN_SAVE_HEADER_LEN) < 0) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: truncated xl save header", what);
        goto cleanup;
    }
    cfglen = xenU32(lenbuf, swap);
    if (cfglen == 0 || cfglen > optlen - 4) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: bad config length %u", what,
                         (unsigned)cfglen);
        goto cleanup;
    }
    if (cfglen > VP_JSON_MAX_SIZE + 1) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: config of %u bytes exceeds the "
                         "limit", what, (unsigned)cfglen);
        goto cleanup;
    }
    if (!(cfg = malloc(cfglen)) ||
        xenPreadFull(fd, cfg, cfglen, XEN_SAVE_HEADER_LEN + 4) < 0) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: cannot read the config", what);
        goto cleanup;
    }
    if (xenLibxlJsonIdentity(priv->host, cfg, cfglen, what, NULL, ref) < 0)
        goto cleanup;
    /* xendomains names the file after the domain; anything else is not an
     * image that xendomains would restore as this domain. */
    if (strcmp(ref->name, fname) != 0) {
        priv->host->warn(VIR_FROM_LIBXL, "%s: image of domain '%s' under "
                         "another name", what, ref->name);
        free(ref->name);
        ref->name = NULL;
        goto cleanup;
    }
    ref->id = -1;
    ret = 1;

 cleanup:
    free(cfg);
    free(what);
    close(fd);
    return ret;
}

int
xenSaveImageForEach(const xenPriv *priv, const char *want_name,
                    const unsigned char *want_uuid,
                    xenDomainFunc cb, void *opaque)
{
    int fd;
    DIR *dir;
    struct dirent *ent;
    int ret = 0;

    if (want_name && !xenNameIsFileSafe(want_name))
        return 0;
    fd = open(priv->save_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            priv->host->warn(VIR_FROM_LIBXL, "cannot read directory %s: %s",
                             priv->save_dir, strerror(errno));
        return 0;
    }

    if (want_name) {
        xenDomainRef ref = { .name = NULL, .id = -1 };

        if (xenSaveImageRead(priv, fd, want_name, &ref) > 0) {
            if (!want_uuid || memcmp(want_uuid, ref.uuid, VIR_UUID_BUFLEN) == 0)
                ret = cb(&ref, opaque) != 0;
            free(ref.name);
        }
        close(fd);
        return ret;
    }

    if (!(dir = fdopendir(fd))) {
        close(fd);
        return 0;
    }
    while ((ent = readdir(dir))) {
        xenDomainRef ref = { .name = NULL, .id = -1 };
        int rc;

        if (ent->d_name[0] == '.')
            continue;
        if (xenSaveImageRead(priv, dirfd(dir), ent->d_name, &ref) <= 0)
            continue;
        rc = 0;
        if (!want_uuid || memcmp(want_uuid, ref.uuid, VIR_UUID_BUFLEN) == 0)
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

static int
xenSaveImageFound(const xenDomainRef *ref, void *opaque)
{
    bool *found = opaque;

    (void)ref;
    *found = true;
    return 1;
}

bool
xenSaveImageExists(const xenPriv *priv, const char *name,
                   const unsigned char uuid[VIR_UUID_BUFLEN])
{
    bool found = false;

    xenSaveImageForEach(priv, name, uuid, xenSaveImageFound, &found);
    return found;
}
