/*
 * qemu-backend.h: the qemu backend's private data and its parts.
 *
 * qemu-uri.c turns a URI into the paths of one libvirt QEMU driver layout
 * (system, session, embed, or system under a root) plus the QMP directory;
 * qemu-backend.c lists and looks up domains in them.
 */
#ifndef QEMU_BACKEND_H
#define QEMU_BACKEND_H

#include "virtplug-backend.h"
#include "util/vp-libvirt-state.h"
#include "qemu-qmp.h"

#define QEMU_DEFAULT_QMP_DIR "/run/virtplug/qmp"
#define QEMU_DEFAULT_QMP_TIMEOUT_MS 1000
#define QEMU_MAX_QMP_TIMEOUT_MS 600000

/* One open connection.  Read-only after qemuConnOpen(); owns every string. */
typedef struct {
    char *config_dir;
    char *autostart_dir;
    char *status_dir;
    char *save_dir;
    char *snapshot_dir;
    char *checkpoint_dir;
    char *qmp_dir;
    vpLibvirtLayout layout;     /* points at the strings above */
    int qmp_timeout_ms;
} qemuConn;

extern const virtplugHost *qemuHost;

/* Parses the URI into a new connection (*conn, freed with qemuConnFree). */
virtplugOpenStatus qemuConnOpen(const virtplugURI *uri, qemuConn **conn);
void qemuConnFree(qemuConn *conn);

#endif /* QEMU_BACKEND_H */
