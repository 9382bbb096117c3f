/*
 * vp-libvirt-state.h: reading the on-disk state that libvirt's domain
 * drivers (QEMU, libxl) keep, shared by the qemu and xen backends.
 *
 * libvirt keeps, per driver:
 *   config_dir/NAME.xml          persistent definition (<domain>)
 *   autostart_dir/NAME.xml       symlink to the config: autostart
 *   status_dir/NAME.xml          <domstatus state= reason= pid=> around the
 *                                live <domain id=N>: the domain is active
 *   save_dir/NAME.save           managed save image
 *   snapshot_dir/NAME/ *.xml     snapshot metadata (optional)
 *   checkpoint_dir/NAME/ *.xml   checkpoint metadata (optional)
 * Half-written *.new files are ignored.  Nothing is ever written.
 */
#ifndef VP_LIBVIRT_STATE_H
#define VP_LIBVIRT_STATE_H

#include <stdbool.h>

#include "virtplug-backend.h"

typedef struct {
    const char *config_dir;      /* required */
    const char *autostart_dir;   /* NULL: nothing autostarts */
    const char *status_dir;      /* NULL: nothing is active */
    const char *save_dir;        /* NULL: no managed save */
    const char *snapshot_dir;    /* NULL: the driver has no snapshots */
    const char *checkpoint_dir;  /* NULL: the driver has no checkpoints */
    /* On a live host a status file whose pid is dead means the domain is
     * not running; a copied tree is read as it is (false). */
    bool check_pids;
    int error_from;              /* VIR_FROM_QEMU, VIR_FROM_LIBXL */
} vpLibvirtLayout;

/* Adds every domain of the layout that may match `flags` to the sink, with
 * the attributes host->sinkNeed(sink) asks for.  A malformed file costs its
 * own domain (a warning); returns -1 only when the config directory itself
 * cannot be read for a reason other than not existing. */
int vpLibvirtStateList(const virtplugHost *host, const vpLibvirtLayout *layout,
                       unsigned int flags, virtplugDomainSink *sink);

/* Finds one domain by key; same return convention as the lookup callback
 * (1 found, 0 not found, -1 error). */
int vpLibvirtStateLookup(const virtplugHost *host,
                         const vpLibvirtLayout *layout,
                         const virtplugDomainKey *key,
                         virtplugDomainSink *sink);

/* The monitor socket paths named by the layout's status files (so that a
 * QMP scan never touches a libvirt-managed monitor).  Returns a
 * NULL-terminated malloc'd array of malloc'd strings (caller frees each and
 * the array), or NULL on allocation failure. */
char **vpLibvirtStateMonitorPaths(const virtplugHost *host,
                                  const vpLibvirtLayout *layout);

#endif /* VP_LIBVIRT_STATE_H */
