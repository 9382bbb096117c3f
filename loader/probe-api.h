/*
 * probe-api.h: the order in which virConnectOpen(NULL) probes backends.
 * Private to the loader (probe-api.c).
 */
#ifndef VP_PROBE_API_H
#define VP_PROBE_API_H

#include <stdbool.h>
#include <stddef.h>

#include "module-loader.h"

/* The next module virConnectOpen(NULL) probes: the loaded one with a probe,
 * not yet in tried[] (n entries), of lowest priority (ties in file-name
 * order); marks it tried.  NULL when none is left. */
const vpModule *vpProbeNext(const vpModule *mods, size_t n, bool *tried);

#endif /* VP_PROBE_API_H */
