/*
 * vp-path.c: joining and testing path names (declared in vp-file.h).
 * Compiled into the core as well, which joins module paths the same way.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-file.h>

char *
vpPathJoinExt(const char *dir, const char *name, const char *ext)
{
    size_t d = strlen(dir), n, e = strlen(ext);
    char *out;

    while (*name == '/')
        name++;
    while (d > 0 && dir[d - 1] == '/')
        d--;
    n = strlen(name);
    /* One exact allocation: asprintf's grow-then-shrink leaves holes in a
     * heap that holds a path per domain while a listing runs. */
    if (!(out = malloc(d + 1 + n + e + 1)))
        return NULL;
    memcpy(out, dir, d);
    out[d] = '/';
    memcpy(out + d + 1, name, n);
    memcpy(out + d + 1 + n, ext, e + 1);
    return out;
}

char *
vpPathJoin(const char *dir, const char *name)
{
    return vpPathJoinExt(dir, name, "");
}

bool
vpHasSuffix(const char *name, const char *suffix)
{
    size_t n, s;

    if (!name || !suffix)
        return false;
    n = strlen(name);
    s = strlen(suffix);
    return n > s && memcmp(name + n - s, suffix, s) == 0;
}
