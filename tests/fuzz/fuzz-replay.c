/*
 * fuzz-replay.c: runs a harness without libFuzzer.
 *
 *   NAME-replay                 every seed and regression input once
 *                               (VIRTPLUG_SRCDIR: the source tree); a test
 *   NAME-replay --write-seeds D writes the seed corpus into directory D
 *   NAME-replay FILE...         runs the given inputs (to reproduce a crash)
 *
 * A crash, sanitizer report or leak is the harness's verdict; this driver
 * only fails when it ran nothing (seeds missing means the test proves
 * nothing).
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Inputs larger than this are cut (libFuzzer's default -max_len is far
 * below; fixtures are small). */
#define REPLAY_MAX_INPUT (4u << 20)

typedef struct {
    const char *outdir;   /* NULL: run the harness */
    unsigned long count;
    int failed;
} replayCtx;

static void
replayEmit(void *opaque, const char *label, const void *buf, size_t len)
{
    replayCtx *ctx = opaque;
    char path[4096];
    char name[256];
    size_t i;
    FILE *f;

    ctx->count++;
    if (!ctx->outdir) {
        LLVMFuzzerTestOneInput(buf, len);
        return;
    }
    /* One flat directory: the label with '/' made safe, numbered so that
     * labels never collide. */
    snprintf(name, sizeof(name), "%04lu-%s", ctx->count, label);
    for (i = 0; name[i]; i++) {
        if (name[i] == '/')
            name[i] = '_';
    }
    snprintf(path, sizeof(path), "%s/%s", ctx->outdir, name);
    if (!(f = fopen(path, "wb")) || fwrite(buf, 1, len, f) != len ||
        fclose(f) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        ctx->failed = 1;
    }
}

static int
replayReadFile(const char *path, char **out, size_t *outlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    size_t len = 0, cap = 65536;
    char *buf;

    if (fd < 0)
        return -1;
    if (!(buf = malloc(cap))) {
        close(fd);
        return -1;
    }
    for (;;) {
        ssize_t n;

        if (len == cap) {
            char *tmp;

            if (cap >= REPLAY_MAX_INPUT)
                break;
            if (!(tmp = realloc(buf, cap * 2)))
                break;
            buf = tmp;
            cap *= 2;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    *out = buf;
    *outlen = len;
    return 0;
}

static void
replayFile(replayCtx *ctx, const char *path, const char *label,
           bool wrap)
{
    char *buf;
    size_t len;

    if (replayReadFile(path, &buf, &len) < 0) {
        fprintf(stderr, "cannot read %s: %s\n", path, strerror(errno));
        ctx->failed = 1;
        return;
    }
    if (wrap && fuzzSeedFromFile)
        fuzzSeedFromFile(replayEmit, ctx, label, buf, len);
    else
        replayEmit(ctx, label, buf, len);
    free(buf);
}

static int
replayNameCmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir (under top) in name order, replaying files ending in suffix. */
static void
replayWalk(replayCtx *ctx, const char *top, const char *rel,
           const char *suffix, bool wrap)
{
    char path[4096], sub[4096];
    char **names = NULL;
    size_t n = 0, i;
    struct dirent *ent;
    DIR *d;

    snprintf(path, sizeof(path), "%s/%s", top, rel);
    if (!(d = opendir(path)))
        return;
    while ((ent = readdir(d))) {
        char **tmp;

        if (ent->d_name[0] == '.')
            continue;
        if (!(tmp = realloc(names, (n + 1) * sizeof(*names))))
            break;
        names = tmp;
        if (!(names[n] = strdup(ent->d_name)))
            break;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), replayNameCmp);
    for (i = 0; i < n; i++) {
        struct stat st;
        size_t nl = strlen(names[i]), sl = strlen(suffix);

        if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", rel, names[i]) >=
                sizeof(sub) ||
            (size_t)snprintf(path, sizeof(path), "%s/%s", top, sub) >=
                sizeof(path) ||
            lstat(path, &st) < 0) {
            free(names[i]);
            continue;
        }
        if (S_ISDIR(st.st_mode))
            replayWalk(ctx, top, sub, suffix, wrap);
        else if (S_ISREG(st.st_mode) && nl >= sl &&
                 strcmp(names[i] + nl - sl, suffix) == 0)
            replayFile(ctx, path, sub, wrap);
        free(names[i]);
    }
    free(names);
}

int
main(int argc, char **argv)
{
    replayCtx ctx = { 0 };
    const char *top = getenv("VIRTPLUG_SRCDIR");
    const char *name = strrchr(argv[0], '/');
    char regress[512];
    size_t i, len;
    int a;

    if (argc > 1 && strcmp(argv[1], "--write-seeds") != 0) {
        for (a = 1; a < argc; a++)
            replayFile(&ctx, argv[a], argv[a], false);
        printf("%lu inputs run\n", ctx.count);
        return ctx.failed;
    }
    if (argc > 2)
        ctx.outdir = argv[2];
    else if (argc == 2) {
        fprintf(stderr, "usage: %s [--write-seeds DIR | FILE...]\n", argv[0]);
        return 2;
    }
    if (!top || !*top)
        top = VIRTPLUG_FUZZ_SRCDIR;

    fuzzBuiltinSeeds(replayEmit, &ctx);
    for (i = 0; fuzzSeedDirs[i].dir; i++)
        replayWalk(&ctx, top, fuzzSeedDirs[i].dir, fuzzSeedDirs[i].suffix,
                   true);
    /* The regression inputs are raw harness inputs: "lt-" and "-replay"
     * (libtool wrapper, program suffix) are not part of the name. */
    name = name ? name + 1 : argv[0];
    if (strncmp(name, "lt-", 3) == 0)
        name += 3;
    len = strlen(name);
    if (len > 7 && strcmp(name + len - 7, "-replay") == 0)
        len -= 7;
    snprintf(regress, sizeof(regress), "tests/fuzz/regress/%.*s", (int)len,
             name);
    replayWalk(&ctx, top, regress, "", false);

    printf("%lu inputs %s\n", ctx.count, ctx.outdir ? "written" : "run");
    if (ctx.count == 0) {
        fprintf(stderr, "no seeds found under %s\n", top);
        return 1;
    }
    return ctx.failed;
}
