/*
 * vp-file.h: reading untrusted files for backends.
 *
 * Every file under a hypervisor's state directory is untrusted input: it may
 * be a FIFO, a symlink loop, a 1 GiB sparse file or vanish while we read it.
 * These helpers never block, never follow a symlink where the caller did not
 * ask for it, and never read more than a cap.
 */
#ifndef VP_FILE_H
#define VP_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <virtplug/virtplug-backend.h>

/* Default cap for a libvirt XML config or status file. */
#define VP_FILE_XML_CAP (8u * 1024 * 1024)

typedef enum {
    VP_FILE_OK = 0,
    VP_FILE_MISSING = 1,   /* ENOENT / ENOTDIR: vanished or never there */
    VP_FILE_ERROR = -1,    /* anything else: a warning or error was reported */
} vpFileStatus;

/* Reads a regular file (relative to dirfd, or absolute with dirfd AT_FDCWD)
 * into a NUL-terminated malloc'd buffer that the caller frees.  Refuses a
 * symlink at the last component unless follow is true, anything but a regular
 * file, and files larger than cap (checked with fstat before reading).
 * On VP_FILE_ERROR, a warning naming the file has been given through
 * host->warn() (the caller decides whether it is fatal). */
vpFileStatus vpFileRead(const virtplugHost *host, int from, int dirfd,
                        const char *path, bool follow, size_t cap,
                        char **buf, size_t *len);

/* DIR/NAME, malloc'd, with one '/' between them whatever slashes dir ends
 * or name starts with ("" joined with "etc" is "/etc").  NULL when out of
 * memory. */
char *vpPathJoin(const char *dir, const char *name);

/* DIR/NAME followed by ext ("DIR/NAME.xml"), joined as vpPathJoin does. */
char *vpPathJoinExt(const char *dir, const char *name, const char *ext);

/* True when `name` ends in `suffix` and has something before it. */
bool vpHasSuffix(const char *name, const char *suffix);

/* Whether a process is alive (kill(pid, 0) == 0 or EPERM). */
bool vpPidAlive(pid_t pid);

#endif /* VP_FILE_H */
