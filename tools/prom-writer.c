/*
 * prom-writer.c: Prometheus text exposition 0.0.4 (see prom-writer.h).
 */
#include <config.h>

#include <math.h>   /* isnan, isinf: macros, no libm */
#include <stdbool.h>
#include <string.h>

#include "prom-writer.h"

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when the bytes
 * there are not one: overlong forms, surrogates and values above U+10FFFF
 * are invalid too (RFC 3629). */
static size_t
utf8SeqLen(const unsigned char *s)
{
    unsigned char c = s[0];

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
        unsigned char hi = c == 0xed ? 0x9f : 0xbf;
        if (s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80)
            return 0;
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;
        if (s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80 ||
            (s[3] & 0xc0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

void
vpAddValidUTF8(vpStrBuf *out, const char *s, const char *specials,
               void (*escape)(vpStrBuf *out, char c))
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        size_t k = 0, n;

        /* the common case: a run of ASCII that needs nothing */
        while (p[k] && p[k] < 0x80 && !strchr(specials, p[k]))
            k++;
        if (k) {
            vpStrBufAddLen(out, (const char *)p, k);
            p += k;
            continue;
        }
        n = utf8SeqLen(p);
        if (n == 0) {
            vpStrBufAdd(out, "\xef\xbf\xbd");   /* U+FFFD */
            p++;
        } else if (n == 1) {
            escape(out, (char)*p++);    /* one of specials */
        } else {
            vpStrBufAddLen(out, (const char *)p, n);
            p += n;
        }
    }
}

static void
escapeLabelChar(vpStrBuf *out, char c)
{
    switch (c) {
    case '\\': vpStrBufAdd(out, "\\\\"); break;
    case '"': vpStrBufAdd(out, "\\\""); break;
    case '\n': vpStrBufAdd(out, "\\n"); break;
    default: vpStrBufAddChar(out, c);
    }
}

static void
escapeHelpChar(vpStrBuf *out, char c)
{
    switch (c) {
    case '\\': vpStrBufAdd(out, "\\\\"); break;
    case '\n': vpStrBufAdd(out, "\\n"); break;
    default: vpStrBufAddChar(out, c);
    }
}

void
vpPromInit(vpPromWriter *w, vpStrBuf *out)
{
    w->out = out;
    w->nlabels = 0;
}

void
vpPromFamily(vpPromWriter *w, const char *name, const char *type,
             const char *help)
{
    vpStrBufAdd(w->out, "# HELP ");
    vpStrBufAdd(w->out, name);
    vpStrBufAddChar(w->out, ' ');
    vpAddValidUTF8(w->out, help, "\\\n", escapeHelpChar);
    vpStrBufAdd(w->out, "\n# TYPE ");
    vpStrBufAdd(w->out, name);
    vpStrBufAddChar(w->out, ' ');
    vpStrBufAdd(w->out, type);
    vpStrBufAddChar(w->out, '\n');
}

void
vpPromSampleBegin(vpPromWriter *w, const char *name)
{
    vpStrBufAdd(w->out, name);
    w->nlabels = 0;
}

void
vpPromLabel(vpPromWriter *w, const char *key, const char *value)
{
    vpStrBufAddChar(w->out, w->nlabels++ ? ',' : '{');
    vpStrBufAdd(w->out, key);
    vpStrBufAdd(w->out, "=\"");
    vpAddValidUTF8(w->out, value ? value : "", "\\\"\n", escapeLabelChar);
    vpStrBufAddChar(w->out, '"');
}

void
vpPromLabelsRaw(vpPromWriter *w, const char *labels)
{
    vpStrBufAddChar(w->out, w->nlabels++ ? ',' : '{');
    vpStrBufAdd(w->out, labels);
}

void
vpPromSampleEnd(vpPromWriter *w, double value)
{
    if (w->nlabels)
        vpStrBufAddChar(w->out, '}');
    if (isnan(value))
        vpStrBufAdd(w->out, " NaN\n");
    else if (isinf(value))
        vpStrBufAdd(w->out, value > 0 ? " +Inf\n" : " -Inf\n");
    else if (value > -1e15 && value < 1e15 && value == (double)(long long)value)
        vpStrBufAddf(w->out, " %lld\n", (long long)value);
    else
        vpStrBufAddf(w->out, " %.9g\n", value);
    w->nlabels = 0;
}
