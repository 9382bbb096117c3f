/*
 * strbuf.h: a growable string for building output.  An allocation failure
 * is sticky: later appends do nothing and vpStrBufSteal returns NULL.
 */
#ifndef VIRTPLUG_TOOL_STRBUF_H
#define VIRTPLUG_TOOL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *s;
    size_t len;
    size_t cap;
    bool oom;
} vpStrBuf;

#define VP_STRBUF_INIT { NULL, 0, 0, false }

void vpStrBufAddLen(vpStrBuf *buf, const char *s, size_t len);
void vpStrBufAdd(vpStrBuf *buf, const char *s);
void vpStrBufAddChar(vpStrBuf *buf, char c);
void vpStrBufAddf(vpStrBuf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The content (the caller's, free(); "" when empty), or NULL after an
 * allocation failure; the buffer is empty afterwards. */
char *vpStrBufSteal(vpStrBuf *buf);
void vpStrBufClear(vpStrBuf *buf);

#endif /* VIRTPLUG_TOOL_STRBUF_H */
