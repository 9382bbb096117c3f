/*
 * module-safety.c: the ownership and mode rule for the places modules are
 * loaded from.
 *
 * Loading a module runs its code with the caller's privileges, often
 * root's.  So whoever can change a module, or rename a directory on the
 * way to it, must already be trusted: root or the effective user.  That is
 * the rule OpenPAM applies to its modules and OpenSSH to the files and
 * commands of StrictModes: each object owned by root or the effective
 * user, and not writable by group or others.  One deviation: a directory
 * above the backend directory may be writable by others when it is sticky
 * (like /tmp), because the kernel then lets only an entry's owner, the
 * directory's owner or root rename or remove the entry, and the entry we
 * go through is checked to be root's or ours.  The backend directory itself
 * gets no such exception: in a sticky directory anyone may add a module.
 *
 * Group write is refused even for a group of one (a user-private group
 * under umask 002, which Debian's OpenSSH accepts): telling that apart
 * takes enumerating every user through NSS, which a library must not do
 * behind its caller's back (getpwent is neither thread-safe nor cheap on
 * a directory-service host).  Write permission granted by an ACL shows in
 * the group bits (the ACL mask), so it is refused too.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module-safety.h"

bool
vpSafeStat(const struct stat *sb, uid_t euid, bool stickyOk, char *why,
           size_t len)
{
    mode_t writable = sb->st_mode & (S_IWGRP | S_IWOTH);

    if (sb->st_uid != 0 && sb->st_uid != euid) {
        if (euid == 0)
            snprintf(why, len, "owned by uid %lu, not by root",
                     (unsigned long)sb->st_uid);
        else
            snprintf(why, len, "owned by uid %lu, not by root or uid %lu",
                     (unsigned long)sb->st_uid, (unsigned long)euid);
        return false;
    }
    if (writable && stickyOk && S_ISDIR(sb->st_mode) &&
        (sb->st_mode & S_ISVTX))
        writable = 0;
    if (writable) {
        snprintf(why, len, "writable by %s (mode %04lo)",
                 writable == (S_IWGRP | S_IWOTH) ? "group and others" :
                 writable == S_IWGRP ? "group" : "others",
                 (unsigned long)(sb->st_mode & 07777));
        return false;
    }
    return true;
}

static void __attribute__((format(printf, 2, 3)))
vpSafeWhy(char **why, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(why, fmt, ap) < 0)
        *why = NULL;
    va_end(ap);
}

int
vpSafeAncestors(const char *dir, uid_t euid, char **why)
{
    char *path;
    char reason[128];
    char *slash;
    struct stat sb;
    int ret = -1;

    *why = NULL;
    if (dir[0] != '/') {
        vpSafeWhy(why, "'%s' is not an absolute path", dir);
        return -1;
    }
    if (!(path = strdup(dir)))
        return -1;
    for (;;) {
        /* Cut the last component: "/a/b" -> "/a", "/a" -> "/". */
        slash = strrchr(path, '/');
        if (slash == path) {
            if (!path[1])
                break;          /* "/" itself was checked last round */
            path[1] = '\0';
        } else {
            *slash = '\0';
        }
        /* lstat: a symbolic link here would mean the path was not resolved
         * or was changed since; either way it is not the checked path. */
        if (lstat(path, &sb) < 0) {
            vpSafeWhy(why, "cannot check directory %s: %m", path);
            goto cleanup;
        }
        if (!S_ISDIR(sb.st_mode)) {
            vpSafeWhy(why, "%s is not a directory", path);
            goto cleanup;
        }
        if (!vpSafeStat(&sb, euid, true, reason, sizeof(reason))) {
            vpSafeWhy(why, "directory %s is %s", path, reason);
            goto cleanup;
        }
    }
    ret = 0;
 cleanup:
    free(path);
    return ret;
}
