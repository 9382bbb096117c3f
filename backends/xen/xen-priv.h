/*
 * xen-priv.h: what an open xen:// connection knows (read-only after open),
 * and the small pieces of Xen's own on-disk state the backend reads on top
 * of libvirt's libxl driver state (which the shared vp-libvirt-state code
 * reads).
 */
#ifndef XEN_PRIV_H
#define XEN_PRIV_H

#include <stdbool.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-file.h>
#include <virtplug/vp-libvirt-layout.h>

typedef struct {
    const virtplugHost *host;  /* the core's helpers, as open() got them */
    char *root;           /* "" for the live host, else DIR without a trailing '/' */
    char *lib_dir;        /* ROOT/var/lib/xen: libxl userdata */
    char *save_dir;       /* ROOT/var/lib/xen/save: xendomains' xl save images */
    char *auto_dir;       /* ROOT/etc/xen/auto: xendomains' autostart configs */
    vpLibvirtPaths *lv;   /* libvirt's libxl driver directories */
    vpLibvirtLayout libvirt;  /* lv's, without snapshots and checkpoints */
    /* The host's boot time (seconds since the epoch): userdata files older
     * than this were left behind by a crash.  -1 when unknown: nothing is
     * considered stale. */
    long long boot_time;
} xenPriv;

/* One domain found in Xen's own files. */
typedef struct {
    char *name;                          /* malloc'd, owned by the holder */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                              /* domid, or -1 when not running */
} xenDomainRef;

/* Builds the paths for `root` ("" for the live host) and reads the boot
 * time.  Returns NULL after reporting an error. */
xenPriv *xenPrivNew(const virtplugHost *host, const char *root);
void xenPrivFree(xenPriv *priv);

/* True when `name` can be a file name inside a directory (no '/', not "."
 * or "..", not empty). */
bool xenNameIsFileSafe(const char *name);

/* True when libvirt's libxl driver has a config or status file for `name`
 * (then libvirt's view of the domain wins over Xen's own files). */
bool xenLibvirtKnowsName(const xenPriv *priv, const char *name);

#endif /* XEN_PRIV_H */
