/*
 * <libvirt/virterror.h> for programs built against virtplug: the error
 * API is part of virtplug.h, as libvirt.h includes virterror.h.
 */
#ifndef VIRTPLUG_COMPAT_VIRTERROR_H
#define VIRTPLUG_COMPAT_VIRTERROR_H

#include <libvirt/libvirt.h>

#endif /* VIRTPLUG_COMPAT_VIRTERROR_H */
