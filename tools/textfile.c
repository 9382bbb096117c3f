/*
 * textfile.c: atomic file replacement (see textfile.h).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textfile.h"

static int
writeAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int
vpTextfileWrite(const char *path, const char *data, size_t len)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    char *dir = NULL, *tmp = NULL;
    size_t tmplen = strlen(path) + sizeof(".tmp.XXXXXX");
    int fd = -1, dfd, saved;
    int created = 0;

    if (!(dir = slash ? strndup(path, dirlen ? dirlen : 1) : strdup(".")))
        return -1;
    /* node_exporter reads only *.prom: the temporary name never matches */
    if (!(tmp = malloc(tmplen)))
        goto error;
    snprintf(tmp, tmplen, "%s.tmp.XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0)
        goto error;
    created = 1;
    if (fchmod(fd, 0644) < 0 || writeAll(fd, data, len) < 0 ||
        fsync(fd) < 0)
        goto error;
    if (close(fd) < 0) {
        fd = -1;
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto error;
    created = 0;
    free(tmp);
    tmp = NULL;
    /* the rename itself survives a crash only once the directory is synced */
    if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(dir);
    return 0;

 error:
    saved = errno;
    if (fd >= 0)
        close(fd);
    if (created && tmp)
        unlink(tmp);
    free(tmp);
    free(dir);
    errno = saved;
    return -1;
}
