/*
 * module-safety.h: whether a backend module, its directory and the
 * directories above it are safe to load code from (module-safety.c).
 * Private to the loader; compiled into its unit test directly.
 */
#ifndef VP_MODULE_SAFETY_H
#define VP_MODULE_SAFETY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* True when sb is owned by root or euid and writable by neither group nor
 * others (or, with stickyOk, is a sticky directory such as /tmp: others
 * may add entries there but cannot rename or remove those of root or
 * euid).  Otherwise false, with why (of len bytes) saying what is wrong,
 * e.g. "writable by group (mode 0775)" or "owned by uid 65534, not by
 * root". */
bool vpSafeStat(const struct stat *sb, uid_t euid, bool stickyOk,
                char *why, size_t len);

/* Checks every directory above dir (an absolute path without symbolic
 * links, as realpath() gives), from its parent up to "/", with vpSafeStat
 * (sticky directories allowed).  Returns 0, or -1 with *why set to a
 * malloc'd reason naming the directory. */
int vpSafeAncestors(const char *dir, uid_t euid, char **why);

#endif /* VP_MODULE_SAFETY_H */
