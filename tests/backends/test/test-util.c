/*
 * test-util.c: small helpers shared by the test-backend tests.
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test-util.h"

char *
testUtilTempDir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir;

    if (!tmp || !tmp[0])
        tmp = "/tmp";
    if (asprintf(&dir, "%s/vp-test-XXXXXX", tmp) < 0 || !mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    return dir;
}

static int
testUtilRemoveOne(const char *path, const struct stat *st, int type,
                  struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path) < 0 ? -1 : 0;
}

void
testUtilRemoveTree(const char *dir)
{
    nftw(dir, testUtilRemoveOne, 16, FTW_DEPTH | FTW_PHYS);
}

char *
testUtilWriteFile(const char *dir, const char *name, const char *text)
{
    char *path;
    FILE *fp;

    if (asprintf(&path, "%s/%s", dir, name) < 0)
        abort();
    if ((fp = fopen(path, "w")) == NULL) {
        perror(path);
        abort();
    }
    fputs(text, fp);
    if (fclose(fp) != 0)
        abort();
    return path;
}

double
testUtilNow(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
