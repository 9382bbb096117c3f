/*
 * xen-libxl-json.h: the identity (c_info.name, c_info.uuid) inside a
 * libxl_domain_config JSON document, as libxl writes it into userdata files
 * and xl into save images.
 */
#ifndef XEN_LIBXL_JSON_H
#define XEN_LIBXL_JSON_H

#include <stddef.h>

#include "xen-priv.h"

/* Parses buf[0..len), which must be the JSON text followed by exactly one
 * NUL byte (len counts the NUL), and fills ref->name (malloc'd) and
 * ref->uuid.  When want_uuid is not NULL, c_info.uuid must equal it (a
 * missing c_info.uuid then takes want_uuid).  `what` names the file in
 * warnings.  Returns 0, or -1 after a warning. */
int xenLibxlJsonIdentity(const virtplugHost *host,
                         const char *buf, size_t len, const char *what,
                         const unsigned char *want_uuid, xenDomainRef *ref);

#endif /* XEN_LIBXL_JSON_H */
