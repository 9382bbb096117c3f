/*
 * qemu-backend.h: the qemu backend's private data and its parts.
 *
 * qemu-uri.c turns a URI into the paths of one libvirt QEMU driver layout
 * (system, session, embed, or system under a root) plus the QMP directory;
 * qemu-backend.c lists and looks up domains in them.
 */
#ifndef QEMU_BACKEND_H
#define QEMU_BACKEND_H

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-file.h>
#include <virtplug/vp-libvirt-layout.h>
#include "qemu-qmp.h"

#define QEMU_DEFAULT_QMP_DIR "/run/virtplug/qmp"
#define QEMU_DEFAULT_QMP_TIMEOUT_MS 1000
#define QEMU_MAX_QMP_TIMEOUT_MS 600000

/* One open connection.  Read-only after qemuConnOpen(); owns every string. */
typedef struct {
    vpLibvirtPaths *paths;      /* libvirt's QEMU driver directories */
    char *qmp_dir;
    int qmp_timeout_ms;
    char *caps_dir;             /* libvirt's cache of QEMU capabilities */
} qemuConn;

/* Parses the URI into a new connection (*conn, freed with qemuConnFree). */
virtplugOpenStatus qemuConnOpen(const virtplugHost *host,
                                const virtplugURI *uri, qemuConn **conn);
void qemuConnFree(qemuConn *conn);

/* qemu-version.c: virConnectGetVersion as libvirt's QEMU driver answers it:
 * the version of the host architecture's QEMU, which libvirt records in
 * its capabilities cache.  0 when the cache has none. */
virtplugConnectGetVersionFunc qemuConnectGetVersion;

#endif /* QEMU_BACKEND_H */
