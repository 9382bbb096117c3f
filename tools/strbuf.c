/*
 * strbuf.c: growable string (see strbuf.h).
 */
#include <config.h>

#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
reserve(vpStrBuf *buf, size_t extra)
{
    size_t need;
    char *tmp;

    if (buf->oom)
        return false;
    if (extra > ((size_t) -1) / 2 - buf->len) {
        buf->oom = true;
        return false;
    }
    need = buf->len + extra + 1;
    if (need <= buf->cap)
        return true;
    if (need < buf->cap * 2)
        need = buf->cap * 2;
    if (need < 64)
        need = 64;
    if (!(tmp = realloc(buf->s, need))) {
        buf->oom = true;
        return false;
    }
    buf->s = tmp;
    buf->cap = need;
    return true;
}

void
vpStrBufAddLen(vpStrBuf *buf, const char *s, size_t len)
{
    if (!reserve(buf, len))
        return;
    memcpy(buf->s + buf->len, s, len);
    buf->len += len;
    buf->s[buf->len] = '\0';
}

void
vpStrBufAdd(vpStrBuf *buf, const char *s)
{
    vpStrBufAddLen(buf, s, strlen(s));
}

void
vpStrBufAddChar(vpStrBuf *buf, char c)
{
    vpStrBufAddLen(buf, &c, 1);
}

void
vpStrBufAddf(vpStrBuf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf->oom = true;
        return;
    }
    if (!reserve(buf, (size_t) n))
        return;
    va_start(ap, fmt);
    vsnprintf(buf->s + buf->len, (size_t) n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t) n;
}

char *
vpStrBufSteal(vpStrBuf *buf)
{
    char *ret;

    if (buf->oom) {
        vpStrBufClear(buf);
        return NULL;
    }
    ret = buf->s ? buf->s : strdup("");
    buf->s = NULL;
    buf->len = buf->cap = 0;
    return ret;
}

void
vpStrBufClear(vpStrBuf *buf)
{
    free(buf->s);
    buf->s = NULL;
    buf->len = buf->cap = 0;
    buf->oom = false;
}
