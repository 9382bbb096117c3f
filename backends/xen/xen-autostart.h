/*
 * xen-autostart.h: domains that xendomains starts at boot: the xl configs
 * (files or symlinks to them) in ROOT/etc/xen/auto, named by their
 * `name = "..."` setting.
 */
#ifndef XEN_AUTOSTART_H
#define XEN_AUTOSTART_H

#include <stddef.h>

#include "xen-priv.h"

/* The value of the `name` setting in xl.cfg text buf[0..len), or NULL
 * (none, or out of memory).  The result is malloc'd; the caller frees it.
 * Understands xl.cfg just enough: `#` comments, settings separated by
 * newlines or ';', strings in single or double quotes with backslash
 * escapes; the first `name` setting counts. */
char *xenCfgName(const char *buf, size_t len);

/* The names of every config in priv->auto_dir: a NULL-terminated malloc'd
 * array of malloc'd strings (free with xenAutostartFree); never NULL unless
 * out of memory.  A bad entry costs only itself (a warning).  Symlinks are
 * resolved inside the connection's root (one level). */
char **xenAutostartNames(const xenPriv *priv);
bool xenAutostartHas(char *const *names, const char *name);
void xenAutostartFree(char **names);

#endif /* XEN_AUTOSTART_H */
