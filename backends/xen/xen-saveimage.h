/*
 * xen-saveimage.h: domains saved by xendomains with `xl save` into
 * ROOT/var/lib/xen/save/NAME.  xendomains restores every such image at
 * boot (and deletes it), so an image stands for a domain that exists while
 * not running: an inactive, persistent domain with a managed save.
 *
 * Image layout (xl's own header, then libxc's stream):
 *   32 bytes  "Xen saved domain, xl format\n \0 \r"
 *   u32       byte order marker 0x01020304, in the writer's byte order
 *   u32       mandatory flags (bit 0: the config is libxl JSON)
 *   u32       optional flags
 *   u32       optional data length
 *   optional data: u32 config length, then the config (JSON + NUL)
 */
#ifndef XEN_SAVEIMAGE_H
#define XEN_SAVEIMAGE_H

#include "xen-userdata.h"

/* Calls cb for every valid image in priv->save_dir (ref->id is -1).  With
 * want_name, only the file of that name is read; with want_uuid, only the
 * image of that domain is reported.  A bad image costs only itself (a
 * warning).  Returns 0, or 1 when cb stopped the scan. */
int xenSaveImageForEach(const xenPriv *priv, const char *want_name,
                        const unsigned char *want_uuid,
                        xenDomainFunc cb, void *opaque);

/* Whether a valid image of the domain `name` with this UUID exists. */
bool xenSaveImageExists(const xenPriv *priv, const char *name,
                        const unsigned char uuid[VIR_UUID_BUFLEN]);

#endif /* XEN_SAVEIMAGE_H */
