/*
 * driver-errors.h: what the libvirt driver a backend stands in for reports as its
 * error domain and function prefix.
 * Private to the loader (driver-errors.c).
 */
#ifndef VP_DRIVER_ERRORS_H
#define VP_DRIVER_ERRORS_H

#include <stdbool.h>

#include <virtplug/virtplug-backend.h>

/* The virErrorDomain of the libvirt driver `backend` stands in for
 * (VIR_FROM_NONE for a backend the loader does not know). */
int vpBackendErrorDomain(const virtplugBackend *backend);
/* Whether that driver reports failed lookups with no detail. */
bool vpBackendTerseLookup(const virtplugBackend *backend);
/* The prefix of that driver's function names ("qemu", "libxl"), which
 * libvirt's flag checks name; NULL for an unknown backend. */
const char *vpBackendDriverPrefix(const virtplugBackend *backend);

#endif /* VP_DRIVER_ERRORS_H */
