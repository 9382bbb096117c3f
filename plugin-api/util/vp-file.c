/*
 * vp-file.c: reading untrusted files for backends.
 *
 * The file is opened non-blocking (a FIFO must never hang us), without
 * following a final symlink unless asked, checked with fstat() on the open
 * descriptor (no race between the check and the read), and read up to one
 * byte past the cap so that a file that grows after fstat() is still caught.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>

/* First allocation when fstat() reports 0 bytes (files under /proc do). */
#define VP_FILE_MIN_ALLOC 4096

static const char *
vpFileTypeName(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

/* Reads everything from fd into a growing buffer, at most cap + 1 bytes.
 * Returns 0 with *buf (NUL-terminated) and *len, 1 when the data exceeds
 * cap, or -1 with errno set. */
static int
vpFileReadFd(int fd, size_t hint, size_t cap, char **buf, size_t *len)
{
    /* Room for the file, the NUL and the one byte that tells it grew: the
     * read that meets the end needs no bigger buffer. */
    size_t alloc = hint < VP_FILE_MIN_ALLOC ? VP_FILE_MIN_ALLOC : hint + 2;
    size_t used = 0;
    char *data;

    if (cap > SIZE_MAX - 2)
        cap = SIZE_MAX - 2;
    if (alloc > cap + 2)
        alloc = cap + 2;
    if ((data = malloc(alloc)) == NULL)
        return -1;

    for (;;) {
        ssize_t got;

        if (used + 1 >= alloc) {
            /* Keep room for the NUL; never hold more than cap + 2 bytes. */
            size_t want = alloc * 2;
            char *bigger;

            if (want > cap + 2 || want < alloc)
                want = cap + 2;
            if (want <= alloc) {
                /* used == cap + 1: the file outgrew the cap. */
                free(data);
                return 1;
            }
            if ((bigger = realloc(data, want)) == NULL) {
                free(data);
                return -1;
            }
            data = bigger;
            alloc = want;
        }

        got = read(fd, data + used, alloc - 1 - used);
        if (got < 0) {
            int saved = errno;
            if (saved == EINTR)
                continue;
            free(data);
            errno = saved;
            return -1;
        }
        if (got == 0)
            break;
        used += (size_t)got;
        if (used > cap) {
            free(data);
            return 1;
        }
    }

    data[used] = '\0';
    *buf = data;
    *len = used;
    return 0;
}

vpFileStatus
vpFileRead(const virtplugHost *host, int from, int dirfd, const char *path,
           bool follow, size_t cap, char **buf, size_t *len)
{
    int oflags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    struct stat st;
    int fd;
    int rc;

    *buf = NULL;
    if (len)
        *len = 0;

    if (!follow)
        oflags |= O_NOFOLLOW;

    if ((fd = openat(dirfd, path, oflags)) < 0) {
        int err = errno;

        if (err == ENOENT || err == ENOTDIR)
            return VP_FILE_MISSING;
        if (host && host->warn) {
            if (err == ELOOP && !follow)
                host->warn(from, "refusing to read '%s': it is a symbolic link",
                           path);
            else
                host->warn(from, "cannot open '%s': %s", path, strerror(err));
        }
        return VP_FILE_ERROR;
    }

    if (fstat(fd, &st) < 0) {
        int err = errno;
        if (host && host->warn)
            host->warn(from, "cannot stat '%s': %s", path, strerror(err));
        close(fd);
        return VP_FILE_ERROR;
    }

    if (!S_ISREG(st.st_mode)) {
        if (host && host->warn)
            host->warn(from, "refusing to read '%s': %s", path,
                       vpFileTypeName(st.st_mode));
        close(fd);
        return VP_FILE_ERROR;
    }

    if (st.st_size < 0 || (unsigned long long)st.st_size > cap) {
        if (host && host->warn)
            host->warn(from,
                       "refusing to read '%s': %lld bytes is more than the limit of %zu bytes",
                       path, (long long)st.st_size, cap);
        close(fd);
        return VP_FILE_ERROR;
    }

    {
        char *data = NULL;
        size_t used = 0;

        rc = vpFileReadFd(fd, (size_t)st.st_size, cap, &data, &used);
        if (rc < 0) {
            int err = errno;
            if (host && host->warn)
                host->warn(from, "cannot read '%s': %s", path, strerror(err));
            close(fd);
            return VP_FILE_ERROR;
        }
        close(fd);
        if (rc > 0) {
            if (host && host->warn)
                host->warn(from,
                           "refusing to read '%s': it grew past the limit of %zu bytes",
                           path, cap);
            return VP_FILE_ERROR;
        }
        *buf = data;
        if (len)
            *len = used;
    }
    return VP_FILE_OK;
}

bool
vpPidAlive(pid_t pid)
{
    if (pid <= 0)
        return false;
    return kill(pid, 0) == 0 || errno == EPERM;
}
