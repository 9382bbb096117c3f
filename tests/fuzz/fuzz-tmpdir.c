/*
 * fuzz-tmpdir.c: a private directory for harnesses that read files.
 *
 * Memory-backed /dev/shm when there is one: a harness writes its input to a
 * file on every run.
 */
#include <config.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz-tmpdir.h"

static char tmpDir[256];

static int
removeOne(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void
removeTmpDir(void)
{
    if (tmpDir[0])
        nftw(tmpDir, removeOne, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzzTmpDir(void)
{
    struct stat st;
    const char *base;

    if (tmpDir[0])
        return tmpDir;
    if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
        access("/dev/shm", W_OK) == 0)
        base = "/dev/shm";
    else if (!(base = getenv("TMPDIR")) || base[0] != '/')
        base = "/tmp";
    snprintf(tmpDir, sizeof(tmpDir), "%s/vpfuzz.XXXXXX", base);
    if (!mkdtemp(tmpDir))
        abort();
    atexit(removeTmpDir);
    return tmpDir;
}

void
fuzzTmpWrite(const char *rel, const void *buf, size_t len)
{
    char path[512];
    const char *p = buf;
    int fd;

    snprintf(path, sizeof(path), "%s/%s", fuzzTmpDir(), rel);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        abort();
    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n <= 0)
            abort();
        p += n;
        len -= (size_t)n;
    }
    close(fd);
}

void
fuzzTmpMkdir(const char *rel)
{
    char path[512];

    snprintf(path, sizeof(path), "%s/%s", fuzzTmpDir(), rel);
    if (mkdir(path, 0700) < 0)
        abort();
}
