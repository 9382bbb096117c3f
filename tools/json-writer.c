/*
 * json-writer.c: minimal JSON writer (see json-writer.h).
 */
#include <config.h>

#include "json-writer.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid.  Rejects
 * overlong forms, surrogates and code points above U+10FFFF. */
static size_t
utf8SeqLen(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n, i;
    unsigned long cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return n;
}

void
vpJsonAppendQuoted(vpStrBuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *) (s ? s : "");

    vpStrBufAddChar(out, '"');
    while (*p) {
        size_t n;

        switch (*p) {
        case '"': vpStrBufAdd(out, "\\\""); p++; continue;
        case '\\': vpStrBufAdd(out, "\\\\"); p++; continue;
        case '\b': vpStrBufAdd(out, "\\b"); p++; continue;
        case '\f': vpStrBufAdd(out, "\\f"); p++; continue;
        case '\n': vpStrBufAdd(out, "\\n"); p++; continue;
        case '\r': vpStrBufAdd(out, "\\r"); p++; continue;
        case '\t': vpStrBufAdd(out, "\\t"); p++; continue;
        default: break;
        }
        if (*p < 0x20) {
            vpStrBufAddf(out, "\\u%04x", *p);
            p++;
            continue;
        }
        if ((n = utf8SeqLen(p)) == 0) {
            vpStrBufAdd(out, "\\ufffd");
            p++;
            continue;
        }
        vpStrBufAddLen(out, (const char *) p, n);
        p += n;
    }
    vpStrBufAddChar(out, '"');
}

void
vpJsonInit(vpJsonWriter *w, vpStrBuf *out)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
    w->first[0] = true;
}

/* Separator before a value (or a key) at the current level. */
static void
beforeValue(vpJsonWriter *w)
{
    if (w->afterKey) {
        w->afterKey = false;
        return;
    }
    if (!w->first[w->depth])
        vpStrBufAddChar(w->out, ',');
    w->first[w->depth] = false;
}

static void
jsonOpen(vpJsonWriter *w, char c)
{
    beforeValue(w);
    vpStrBufAddChar(w->out, c);
    if (w->depth < VP_JSON_MAX_DEPTH)
        w->depth++;
    else
        w->out->oom = true;     /* programming error: make the output fail */
    w->first[w->depth] = true;
}

static void
jsonClose(vpJsonWriter *w, char c)
{
    vpStrBufAddChar(w->out, c);
    if (w->depth > 0)
        w->depth--;
}

void vpJsonBeginObject(vpJsonWriter *w) { jsonOpen(w, '{'); }
void vpJsonEndObject(vpJsonWriter *w) { jsonClose(w, '}'); }
void vpJsonBeginArray(vpJsonWriter *w) { jsonOpen(w, '['); }
void vpJsonEndArray(vpJsonWriter *w) { jsonClose(w, ']'); }

void
vpJsonKey(vpJsonWriter *w, const char *key)
{
    beforeValue(w);
    vpJsonAppendQuoted(w->out, key);
    vpStrBufAddChar(w->out, ':');
    w->afterKey = true;
}

void
vpJsonString(vpJsonWriter *w, const char *s)
{
    beforeValue(w);
    vpJsonAppendQuoted(w->out, s);
}

void
vpJsonInt(vpJsonWriter *w, long long v)
{
    beforeValue(w);
    vpStrBufAddf(w->out, "%lld", v);
}

void
vpJsonBool(vpJsonWriter *w, bool v)
{
    beforeValue(w);
    vpStrBufAdd(w->out, v ? "true" : "false");
}

void
vpJsonNull(vpJsonWriter *w)
{
    beforeValue(w);
    vpStrBufAdd(w->out, "null");
}

void
vpJsonNewline(vpJsonWriter *w)
{
    vpStrBufAddChar(w->out, '\n');
}
