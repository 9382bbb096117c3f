/*
 * xen-userdata.h: running domains from libxl's userdata files,
 * ROOT/var/lib/xen/userdata-d.DOMID.UUID.libxl-json.
 *
 * libxl writes that file for every domain it creates (xl and libvirt alike)
 * and removes it when the domain is destroyed, so it exists exactly while
 * the domain does, except after a host crash: files older than the boot
 * are stale.  Domain-0 never has one that matters and is never reported.
 */
#ifndef XEN_USERDATA_H
#define XEN_USERDATA_H

#include "xen-priv.h"

/* Called for each domain found; returns 0 to go on, 1 to stop. The ref and
 * its name belong to the caller of the callback (valid during the call). */
typedef int (*xenDomainFunc)(const xenDomainRef *ref, void *opaque);

/* Calls cb for every live domain in priv->lib_dir.  want_id >= 0 and
 * want_uuid != NULL restrict the scan (by file name, without reading the
 * other files).  A malformed or unreadable file costs only itself (a
 * warning).  Returns 0, or 1 when cb stopped the scan. */
int xenUserdataForEach(const xenPriv *priv, int want_id,
                       const unsigned char *want_uuid,
                       xenDomainFunc cb, void *opaque);

#endif /* XEN_USERDATA_H */
