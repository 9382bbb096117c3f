/*
 * vp-libvirt-layout.h: where a libvirt driver keeps its domain state.
 *
 * libvirt's stateful drivers (qemu, lxc, libxl, ...) share one directory
 * scheme, which differs only by the driver's name and by how the daemon
 * runs.  Given those, vpLibvirtPathsNew() computes the six directories the
 * state reader (vp-libvirt-state.h) reads, so that a backend for another
 * libvirt driver needs no path code of its own.
 *
 *   mode     config (C)                  status              lib (L)
 *   SYSTEM   ROOT/etc/libvirt/DRV        ROOT/run/libvirt/DRV ROOT/var/lib/libvirt/DRV
 *   EMBED    ROOT/etc/DRV                ROOT/run/DRV        ROOT/lib/DRV
 *   SESSION  $XDG_CONFIG_HOME/libvirt/DRV R/libvirt/DRV/run   C
 *
 * autostart is C/autostart; save, snapshot and checkpoint are L/save,
 * L/snapshot and L/checkpoint.  R is $XDG_RUNTIME_DIR, else
 * $XDG_CACHE_HOME, else ~/.cache; $XDG_CONFIG_HOME defaults to ~/.config
 * (libvirt 9.0 with GLib's user directories).
 */
#ifndef VP_LIBVIRT_LAYOUT_H
#define VP_LIBVIRT_LAYOUT_H

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-libvirt-state.h>

typedef enum {
    VP_LIBVIRT_SYSTEM = 0,   /* the privileged daemon's paths */
    VP_LIBVIRT_SESSION = 1,  /* a user's session daemon's paths */
    VP_LIBVIRT_EMBED = 2,    /* an embedded driver's paths under a root */
} vpLibvirtMode;

/* The directories of one driver; the strings are owned by the struct and
 * `layout` points at them (its check_pids and error_from are set too). */
typedef struct {
    char *config_dir;
    char *autostart_dir;
    char *status_dir;
    char *save_dir;
    char *snapshot_dir;
    char *checkpoint_dir;
    char *run_base;      /* SESSION: R above; otherwise ROOT/run */
    vpLibvirtLayout layout;
} vpLibvirtPaths;

/* Computes the paths of `driver` ("qemu", "lxc", "libxl") in `mode` under
 * `root` (NULL or "" for this host; trailing slashes are ignored; SESSION
 * takes no root).  check_pids is true unless a SYSTEM root names a copied
 * tree; error_from is `from`.  Returns NULL after reporting an error
 * through host (out of memory, no home directory for SESSION). */
vpLibvirtPaths *vpLibvirtPathsNew(const virtplugHost *host, int from,
                                  const char *root, const char *driver,
                                  vpLibvirtMode mode);
/* Frees paths; NULL is fine. */
void vpLibvirtPathsFree(vpLibvirtPaths *paths);

#endif /* VP_LIBVIRT_LAYOUT_H */
