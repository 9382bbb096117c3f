/*
 * qemu-qmp.h: standalone QEMU processes found through their QMP sockets.
 *
 * Every UNIX socket in the QMP directory is one transient, active domain.
 * QEMU serves one monitor client at a time and a monitor may hang or lie, so
 * every exchange runs under one deadline for the whole scan, all monitors are
 * asked concurrently, and each connection is closed as soon as it answered.
 */
#ifndef QEMU_QMP_H
#define QEMU_QMP_H

#include <stdbool.h>

#include <virtplug/virtplug-backend.h>

typedef struct {
    const char *qmp_dir;          /* directory of QMP sockets */
    int timeout_ms;               /* deadline for the whole scan */
    /* NULL-terminated socket paths never to connect to (libvirt-managed
     * monitors), or NULL. */
    const char *const *skip_paths;
} qemuQmpConfig;

/* Whether `flags` can match a standalone QEMU at all (a transient, active
 * domain without managed save, autostart, snapshots or checkpoints, not
 * shut off); when false, no socket needs to be looked at. */
bool qemuQmpMayMatch(unsigned int flags);

/* Adds one record per QMP socket that may match `flags` (skipping the scan
 * entirely when flags exclude transient active domains).  A monitor that is
 * busy, silent or lying still gives a record: state "no state", the socket's
 * file name as the name when QMP could not tell.  Returns 0, or -1 only when
 * the directory exists but cannot be read. */
int qemuQmpList(const virtplugHost *host, const qemuQmpConfig *cfg,
                unsigned int flags, virtplugDomainSink *sink);

/* One domain by key (name, UUID or id = QEMU pid); 1 found, 0 not, -1 error. */
int qemuQmpLookup(const virtplugHost *host, const qemuQmpConfig *cfg,
                  const virtplugDomainKey *key, virtplugDomainSink *sink);

#endif /* QEMU_QMP_H */
