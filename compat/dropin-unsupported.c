/*
 * dropin-unsupported.c: what every libvirt function the drop-in does not
 * implement does: fail the way a libvirt driver without that function
 * fails ("this function is not supported by the connection driver: NAME",
 * VIR_ERR_NO_SUPPORT), with the error set and dispatched as libvirt does.
 *
 * Also exported (in libvirt's private version node) for the drop-in
 * libvirt-qemu.so.0 and libvirt-lxc.so.0, whose stubs report through it.
 */
#include <config.h>

#include "errors.h"
#include "vp-export.h"

void virtplugCompatUnsupported(const char *func);

VP_PUBLIC void
virtplugCompatUnsupported(const char *func)
{
    virResetLastError();
    vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_NO_SUPPORT, "%s", func);
    vpErrorDispatchTo(NULL);
}
