/*
 * driver-errors.c: which libvirt driver a backend stands in for, as far as
 * errors show it.
 *
 * A libvirt client tells drivers apart by an error's domain (VIR_FROM_QEMU,
 * VIR_FROM_TEST, ...) and sometimes by its exact text, so errors raised by
 * the loader on a connection's behalf carry the domain of the libvirt driver
 * that serves the same URIs.  The backend contract has no field for this
 * yet; the loader knows the backends it ships with by name.
 */
#include <config.h>

#include <string.h>

#include "driver-errors.h"

typedef struct {
    const char *backend;
    int from;
    const char *prefix;        /* of the driver's function names */
    /* libvirt's test driver reports a failed lookup without a detail. */
    bool terseLookup;
} vpDriverErrors;

static const vpDriverErrors driverErrors[] = {
    { "qemu", VIR_FROM_QEMU, "qemu", false },
    { "test", VIR_FROM_TEST, "test", true },
    { "xen", VIR_FROM_LIBXL, "libxl", false },
    { "lxc", VIR_FROM_LXC, "lxc", false },
};

static const vpDriverErrors *
vpDriverErrorsFind(const virtplugBackend *backend)
{
    size_t i;

    for (i = 0; backend && i < sizeof(driverErrors) / sizeof(driverErrors[0]);
         i++) {
        if (strcmp(driverErrors[i].backend, backend->name) == 0)
            return &driverErrors[i];
    }
    return NULL;
}

int
vpBackendErrorDomain(const virtplugBackend *backend)
{
    const vpDriverErrors *d = vpDriverErrorsFind(backend);

    return d ? d->from : VIR_FROM_NONE;
}

bool
vpBackendTerseLookup(const virtplugBackend *backend)
{
    const vpDriverErrors *d = vpDriverErrorsFind(backend);

    return d && d->terseLookup;
}

const char *
vpBackendDriverPrefix(const virtplugBackend *backend)
{
    const vpDriverErrors *d = vpDriverErrorsFind(backend);

    return d ? d->prefix : NULL;
}
