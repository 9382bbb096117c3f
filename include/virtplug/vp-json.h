/*
 * vp-json.h: parsing untrusted JSON for backends, with yajl 2.
 *
 * yajl's tree parser recurses without limit (1e6 nested arrays overflow the
 * stack in yajl_tree_free), so the depth and size are checked first.
 */
#ifndef VP_JSON_H
#define VP_JSON_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

#include <virtplug/virtplug-backend.h>

#define VP_JSON_MAX_DEPTH 64
#define VP_JSON_MAX_SIZE (4u * 1024 * 1024)

/* Parses buf[0..len) (NUL bytes are not allowed inside).  Returns a tree the
 * caller frees with yajl_tree_free, or NULL after a warning naming `what`
 * through host->warn().  Depth above max_depth or size above max_size are
 * rejected without building a tree. */
yajl_val vpJsonParse(const virtplugHost *host, int from, const char *buf,
                     size_t len, const char *what, unsigned max_depth,
                     size_t max_size);

/* Convenience: the string at a path like {"c_info", "name", NULL}, or NULL.
 * The result points into the tree. */
const char *vpJsonGetString(yajl_val root, const char *const *path);

#endif /* VP_JSON_H */
