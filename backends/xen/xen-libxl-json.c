/*
 * xen-libxl-json.c: name and UUID out of a libxl_domain_config document.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-json.h>
#include "xen-libxl-json.h"

int
xenLibxlJsonIdentity(const virtplugHost *host,
                     const char *buf, size_t len, const char *what,
                     const unsigned char *want_uuid, xenDomainRef *ref)
{
    static const char *const name_path[] = { "c_info", "name", NULL };
    static const char *const uuid_path[] = { "c_info", "uuid", NULL };
    yajl_val tree;
    const char *name;
    const char *uuid;
    int ret = -1;

    /* libxl stores strlen + 1 bytes: the text and one NUL.  A NUL anywhere
     * else (vpJsonParse refuses it) or none at all means a damaged file. */
    if (len == 0 || buf[len - 1] != '\0') {
        host->warn(VIR_FROM_LIBXL, "%s: libxl JSON is not NUL-terminated",
                   what);
        return -1;
    }
    tree = vpJsonParse(host, VIR_FROM_LIBXL, buf, len - 1, what,
                       VP_JSON_MAX_DEPTH, VP_JSON_MAX_SIZE);
    if (!tree)
        return -1;

    name = vpJsonGetString(tree, name_path);
    uuid = vpJsonGetString(tree, uuid_path);
    if (!name || !name[0]) {
        host->warn(VIR_FROM_LIBXL, "%s: no c_info.name", what);
        goto cleanup;
    }
    if (uuid) {
        if (host->uuidParse(uuid, ref->uuid) < 0) {
            host->warn(VIR_FROM_LIBXL, "%s: malformed c_info.uuid '%s'",
                       what, uuid);
            goto cleanup;
        }
        if (want_uuid && memcmp(want_uuid, ref->uuid, VIR_UUID_BUFLEN) != 0) {
            host->warn(VIR_FROM_LIBXL,
                       "%s: c_info.uuid '%s' does not match the file name",
                       what, uuid);
            goto cleanup;
        }
    } else if (want_uuid) {
        memcpy(ref->uuid, want_uuid, VIR_UUID_BUFLEN);
    } else {
        host->warn(VIR_FROM_LIBXL, "%s: no c_info.uuid", what);
        goto cleanup;
    }
    if (!(ref->name = strdup(name))) {
        host->warn(VIR_FROM_LIBXL, "%s: out of memory", what);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    yajl_tree_free(tree);
    return ret;
}
