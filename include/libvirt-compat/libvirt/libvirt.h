/*
 * <libvirt/libvirt.h> for programs built against virtplug.
 *
 * virtplug's client API carries libvirt's names, types and values, so a
 * libvirt client that uses only calls virtplug implements builds unchanged
 * with `pkg-config --cflags --libs virtplug-libvirt`, whose include path
 * puts this directory ahead of an installed libvirt-dev.  A call virtplug
 * does not implement is an undefined reference at link time, never a silent
 * stub.
 */
#ifndef VIRTPLUG_COMPAT_LIBVIRT_H
#define VIRTPLUG_COMPAT_LIBVIRT_H

#include <virtplug/virtplug.h>

/* The libvirt API level virtplug's names and semantics follow.  Clients
 * switch features on these (collectd, for one). */
#define LIBVIR_VERSION_NUMBER 9000000

#define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

#endif /* VIRTPLUG_COMPAT_LIBVIRT_H */
