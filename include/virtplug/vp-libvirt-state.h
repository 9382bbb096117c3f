/*
 * vp-libvirt-state.h: reading the on-disk state that libvirt's domain
 * drivers (QEMU, LXC, libxl) keep, shared by the qemu, lxc and xen backends.
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

#include <virtplug/virtplug-backend.h>

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
    int error_from;              /* VIR_FROM_QEMU, VIR_FROM_LXC, VIR_FROM_LIBXL */
} vpLibvirtLayout;

/* Adds every domain of the layout that may match `flags` to the sink, with
 * the attributes host->sinkNeed(sink) asks for.  A malformed file costs its
 * own domain (a warning); returns -1 only when the config directory itself
 * cannot be read for a reason other than not existing.  An unreadable status
 * directory costs what it holds (no domain is active: transient ones are
 * not listed, persistent ones are, shut off), an unreadable autostart
 * directory the autostart flags (false); each with one warning.
 *
 * A file counts, or not, the same way whatever is asked, so that the
 * listing does not change with the columns shown.  Only what a call needs is
 * read, and the verdict is taken on what every call reads:
 *  - the root element and its <name> and <uuid> must be valid;
 *  - the document must end with the root's end tag; when it does not (cut
 *    short, or a legal trailing comment), libxml2 reads all of it and it
 *    must be well-formed to the end;
 *  - a <title> or <description>, read only when asked, that cannot be read
 *    is left out with a warning; the domain stays listed.
 * Malformed XML elsewhere between <uuid> and the end is not looked for. */
int vpLibvirtStateList(const virtplugHost *host, const vpLibvirtLayout *layout,
                       unsigned int flags, virtplugDomainSink *sink);

/* vpLibvirtStateList, and in the same pass the monitor socket paths that
 * the status files name (see vpLibvirtStateMonitorPaths), so that a backend
 * that also scans QMP sockets reads each status file once per listing.
 * Paths are collected when `flags` admit active domains (a monitor only
 * serves a running domain); otherwise *monitors is empty.  On success
 * *monitors is a NULL-terminated malloc'd array of malloc'd strings (the
 * caller frees each and the array); on -1 it is NULL. */
int vpLibvirtStateListMonitors(const virtplugHost *host,
                               const vpLibvirtLayout *layout,
                               unsigned int flags, virtplugDomainSink *sink,
                               char ***monitors);

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
