/*
 * loader-test-util.c: see loader-test-util.h.
 */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader-test-util.h"

static int
ltCopyFile(const char *from, const char *to)
{
    char buf[65536];
    ssize_t n;
    int in, out, ret = -1;

    if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755)) < 0) {
        close(in);
        return -1;
    }
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        if (write(out, buf, (size_t)n) != n)
            goto cleanup;
    }
    ret = n < 0 ? -1 : 0;
 cleanup:
    close(in);
    if (close(out) < 0)
        ret = -1;
    return ret;
}

char *
ltSetupBackendDir(const char *const *modules, bool garbage)
{
    const char *builddir = getenv("VIRTPLUG_BUILDDIR");
    const char *tmp = getenv("TMPDIR");
    char *dir = NULL;
    char from[4096], to[4096];
    size_t i;

    if (!builddir) {
        fprintf(stderr, "VIRTPLUG_BUILDDIR is not set; run under make check\n");
        exit(77);
    }
    if (asprintf(&dir, "%s/vp-loader-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0 ||
        !mkdtemp(dir)) {
        perror("mkdtemp");
        exit(99);
    }
    for (i = 0; modules && modules[i]; i++) {
        snprintf(from, sizeof(from), "%s/tests/loader/.libs/%s.so", builddir,
                 modules[i]);
        snprintf(to, sizeof(to), "%s/%s.so", dir, modules[i]);
        if (ltCopyFile(from, to) < 0) {
            fprintf(stderr, "cannot copy %s to %s\n", from, to);
            exit(99);
        }
    }
    if (garbage) {
        FILE *fp;
        snprintf(to, sizeof(to), "%s/x.so", dir);
        /* explicit mode: under umask 002 fopen's would be refused as
         * group-writable before the loader ever reads it */
        if (!(fp = fopen(to, "w")) ||
            fputs("this is not a shared object\n", fp) < 0 || fclose(fp) ||
            chmod(to, 0644) < 0) {
            perror(to);
            exit(99);
        }
    }
    setenv("VIRTPLUG_BACKEND_DIR", dir, 1);
    unsetenv("VIRTPLUG_DEFAULT_URI");
    return dir;
}

void
ltRemoveBackendDir(char *dir)
{
    DIR *dh;
    struct dirent *ent;
    char path[4096];

    if (!dir)
        return;
    if ((dh = opendir(dir))) {
        while ((ent = readdir(dh))) {
            if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
            unlink(path);
        }
        closedir(dh);
    }
    rmdir(dir);
    free(dir);
}

static pthread_mutex_t captureLock = PTHREAD_MUTEX_INITIALIZER;
static int errorCalls;
static int warningCalls;
static char lastWarning[512];

static void
ltErrorHandler(void *data, virErrorPtr err)
{
    (void)data;
    pthread_mutex_lock(&captureLock);
    if (err->level == VIR_ERR_WARNING) {
        warningCalls++;
        snprintf(lastWarning, sizeof(lastWarning), "%s",
                 err->message ? err->message : "");
    } else {
        errorCalls++;
    }
    pthread_mutex_unlock(&captureLock);
}

void
ltCaptureErrors(void)
{
    virSetErrorFunc(NULL, ltErrorHandler);
}

int
ltErrorCalls(void)
{
    int n;

    pthread_mutex_lock(&captureLock);
    n = errorCalls;
    pthread_mutex_unlock(&captureLock);
    return n;
}

int
ltWarningCalls(void)
{
    int n;

    pthread_mutex_lock(&captureLock);
    n = warningCalls;
    pthread_mutex_unlock(&captureLock);
    return n;
}

const char *
ltLastWarning(void)
{
    return lastWarning;
}
