/*
 * vp-libvirt-scan.c: the fast path for reading libvirt's files, a scanner
 * for the plain shape libvirt itself writes.
 *
 * libxml2's reader costs about 90 us for a 20 KB status file, because the
 * <domain> element comes after the driver's private data (qemuCaps and the
 * like).  libvirt writes these files in one plain shape, so a small scanner
 * reads that shape directly: it walks tags (skipping comments and
 * processing instructions), takes the few attributes and texts it needs, and
 * gives up ("fallback") at the first thing outside the plain shape: a
 * DOCTYPE, an entity or character reference, CDATA, a carriage return,
 * invalid UTF-8, a non-UTF-8 encoding, anything it cannot follow.  Then the
 * document is read again with libxml2, which decides.  The scanner never
 * reports an error of its own, so malformed input always meets libxml2.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-parse.h>
#include "vp-libvirt-doc.h"

typedef struct {
    const char *p;
    const char *end;
} vpLsScan;

static inline bool
vpLsIsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Byte classes for the scanner: tag-name ends and attribute-text stops.
 * Every class includes NUL, so a walk always stops at the buffer's end
 * (vpFileRead NUL-terminates) or at an embedded NUL. */
enum {
    VP_LS_NAME_END = 1,   /* NUL, space, tab, newline, CR, '/', '<', '>' */
    VP_LS_ATTR_STOP = 2,  /* NUL, quotes, '<', '>', CR */
};
static const unsigned char vpLsClass[256] = {
    [0] = VP_LS_NAME_END | VP_LS_ATTR_STOP,
    [' '] = VP_LS_NAME_END, ['\t'] = VP_LS_NAME_END, ['\n'] = VP_LS_NAME_END,
    ['\r'] = VP_LS_NAME_END | VP_LS_ATTR_STOP, ['/'] = VP_LS_NAME_END,
    ['<'] = VP_LS_NAME_END | VP_LS_ATTR_STOP,
    ['>'] = VP_LS_NAME_END | VP_LS_ATTR_STOP,
    ['\''] = VP_LS_ATTR_STOP, ['"'] = VP_LS_ATTR_STOP,
};

static inline const char *
vpLsSpan(const char *p, unsigned char cls)
{
    while (!(vpLsClass[(unsigned char)*p] & cls))
        p++;
    return p;
}

/* Advances past the next occurrence of `pat` (false when absent). */
static bool
vpLsSkipPast(vpLsScan *sc, const char *pat)
{
    size_t n = strlen(pat);
    const char *hit = memmem(sc->p, (size_t)(sc->end - sc->p), pat, n);

    if (!hit)
        return false;
    sc->p = hit + n;
    return true;
}

/* Whether [s, s+n) is valid UTF-8 without control characters other than
 * tab and newline. */
static bool
vpLsPlainUtf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned char c = u[i];
        size_t k, extra;

        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n')
                return false;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            extra = 1;
        else if (c >= 0xe0 && c <= 0xef)
            extra = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            extra = 3;
        else
            return false;
        for (k = 1; k <= extra; k++) {
            if (i + k >= n || (u[i + k] & 0xc0) != 0x80)
                return false;
        }
        /* overlong 3- and 4-byte forms, surrogates, above U+10FFFF */
        if ((c == 0xe0 && u[i + 1] < 0xa0) || (c == 0xed && u[i + 1] > 0x9f) ||
            (c == 0xf0 && u[i + 1] < 0x90) || (c == 0xf4 && u[i + 1] > 0x8f))
            return false;
        i += extra + 1;
    }
    return true;
}

/* One start or end tag, the scanner being just past its '<'. */
typedef struct {
    const char *name;
    size_t namelen;
    bool end;           /* </name> */
    bool empty;         /* <name/> */
    const char *attrs;  /* start of the attribute text */
    const char *attrs_end;
} vpLsTag;

/* Reads the next tag, skipping text, comments and processing
 * instructions.  Returns 1 with *tag, 0 at the end, or -1 (fallback). */
static int
vpLsNextTag(vpLsScan *sc, vpLsTag *tag, const char **text_start)
{
    const char *lt;
    char quote;

    for (;;) {
        if (text_start)
            *text_start = sc->p;
        lt = memchr(sc->p, '<', (size_t)(sc->end - sc->p));
        if (!lt)
            return 0;
        sc->p = lt + 1;
        if (sc->p < sc->end && (*sc->p == '!' || *sc->p == '?')) {
            /* Only comments and processing instructions outside a wanted
             * text are followed; DOCTYPE and CDATA fall back. */
            if (text_start)
                return -1;
            if (*sc->p == '?') {
                if (!vpLsSkipPast(sc, "?>"))
                    return -1;
                continue;
            }
            if (sc->end - sc->p < 3 || sc->p[1] != '-' || sc->p[2] != '-' ||
                !vpLsSkipPast(sc, "-->"))
                return -1;
            continue;
        }
        break;
    }

    memset(tag, 0, sizeof(*tag));
    if (sc->p < sc->end && *sc->p == '/') {
        tag->end = true;
        sc->p++;
    }
    tag->name = sc->p;
    sc->p = vpLsSpan(sc->p, VP_LS_NAME_END);
    if (sc->p > sc->end)
        sc->p = sc->end;
    tag->namelen = (size_t)(sc->p - tag->name);
    if (!tag->namelen)
        return -1;
    tag->attrs = sc->p;
    /* An embedded NUL stops the walk early and means fallback. */
    while (sc->p < sc->end) {
        char c;

        sc->p = vpLsSpan(sc->p, VP_LS_ATTR_STOP);
        if (sc->p >= sc->end)
            break;
        c = *sc->p;
        if (c == '\0')
            return -1;
        if (c == '\'' || c == '"') {
            const char *close;

            quote = c;
            close = memchr(sc->p + 1, quote, (size_t)(sc->end - sc->p - 1));
            if (!close || memchr(sc->p + 1, '<', (size_t)(close - sc->p - 1)))
                return -1;
            sc->p = close + 1;
            continue;
        } else if (c == '<' || c == '\r') {
            return -1;
        } else {
            tag->attrs_end = sc->p;
            if (sc->p > tag->attrs && sc->p[-1] == '/') {
                tag->empty = true;
                tag->attrs_end--;
            }
            sc->p++;
            if (tag->end && (tag->empty || tag->attrs_end != tag->attrs)) {
                /* only "</name>" or "</name  >" */
                const char *q;
                for (q = tag->attrs; q < tag->attrs_end; q++) {
                    if (!vpLsIsSpace(*q))
                        return -1;
                }
                if (tag->empty)
                    return -1;
            }
            return 1;
        }
    }
    return -1;
}

static bool
vpLsTagIs(const vpLsTag *tag, const char *name)
{
    size_t n = strlen(name);

    return tag->namelen == n && memcmp(tag->name, name, n) == 0;
}

/* The value of attribute `name` in the tag, malloc'd into *out (NULL when
 * absent).  Returns false to fall back. */
static bool
vpLsTagAttr(const vpLsTag *tag, const char *name, char **out)
{
    size_t n = strlen(name);
    const char *p = tag->attrs;

    *out = NULL;
    while (p < tag->attrs_end) {
        const char *an, *vs, *ve;
        size_t anlen;
        char quote;

        while (p < tag->attrs_end && vpLsIsSpace(*p))
            p++;
        if (p >= tag->attrs_end)
            break;
        an = p;
        while (p < tag->attrs_end && *p != '=' && !vpLsIsSpace(*p))
            p++;
        anlen = (size_t)(p - an);
        while (p < tag->attrs_end && vpLsIsSpace(*p))
            p++;
        if (p >= tag->attrs_end || *p != '=' || !anlen)
            return false;
        p++;
        while (p < tag->attrs_end && vpLsIsSpace(*p))
            p++;
        if (p >= tag->attrs_end || (*p != '\'' && *p != '"'))
            return false;
        quote = *p++;
        vs = p;
        while (p < tag->attrs_end && *p != quote)
            p++;
        if (p >= tag->attrs_end)
            return false;
        ve = p++;
        if (anlen == n && memcmp(an, name, n) == 0) {
            if (*out)
                return false;   /* duplicate attribute: libxml2 decides */
            if (memchr(vs, '&', (size_t)(ve - vs)) ||
                memchr(vs, '\t', (size_t)(ve - vs)) ||
                memchr(vs, '\n', (size_t)(ve - vs)) ||
                !vpLsPlainUtf8(vs, (size_t)(ve - vs)) ||
                !(*out = strndup(vs, (size_t)(ve - vs))))
                return false;
        }
    }
    return true;
}

/* The text of the element whose start tag was just read, up to its end
 * tag, malloc'd.  NULL to fall back. */
static char *
vpLsTagText(vpLsScan *sc, const vpLsTag *start)
{
    const char *text;
    vpLsTag tag;
    size_t n;

    if (start->empty)
        return strdup("");
    if (vpLsNextTag(sc, &tag, &text) != 1 || !tag.end ||
        tag.namelen != start->namelen ||
        memcmp(tag.name, start->name, tag.namelen) != 0)
        return NULL;
    n = (size_t)(tag.name - 2 - text);
    if (n > VP_LS_TEXT_MAX || memchr(text, '&', n) || !vpLsPlainUtf8(text, n))
        return NULL;
    return strndup(text, n);
}

/* Jumps past "</name>" when the text before it cannot hide a tag that the
 * walk below would read differently: no nested element of the same name, no
 * comment, CDATA or processing instruction, no NUL.  Status files carry a
 * few hundred <flag/> elements in <qemuCaps> before the live <domain>; a
 * tag-by-tag walk over them costs more than reading the file.  Returns
 * false when the slow walk must decide. */
static bool
vpLsSkipElementFast(vpLsScan *sc, const vpLsTag *start)
{
    char pat[72];
    const char *close, *p;
    size_t avail = (size_t)(sc->end - sc->p);

    if (start->namelen + 3 > sizeof(pat))
        return false;
    pat[0] = '<';
    pat[1] = '/';
    memcpy(pat + 2, start->name, start->namelen);
    pat[start->namelen + 2] = '>';
    close = memmem(sc->p, avail, pat, start->namelen + 3);
    if (!close)
        return false;
    if (memchr(sc->p, '\0', (size_t)(close - sc->p)))
        return false;
    for (p = sc->p; (p = memchr(p, '<', (size_t)(close - p))); p++) {
        if (p + 1 < close && (p[1] == '!' || p[1] == '?'))
            return false;
        if ((size_t)(close - p) > start->namelen + 1 &&
            memcmp(p + 1, start->name, start->namelen) == 0 &&
            (vpLsClass[(unsigned char)p[start->namelen + 1]] & VP_LS_NAME_END))
            return false;
    }
    sc->p = close + start->namelen + 3;
    return true;
}

/* Skips the rest of an element whose start tag was just read. */
static bool
vpLsSkipElement(vpLsScan *sc, const vpLsTag *start)
{
    vpLsTag tag;
    int depth = 1;

    if (start->empty)
        return true;
    if (vpLsSkipElementFast(sc, start))
        return true;
    while (depth > 0) {
        if (vpLsNextTag(sc, &tag, NULL) != 1)
            return false;
        if (tag.end)
            depth--;
        else if (!tag.empty)
            depth++;
    }
    return true;
}

/* Reads the children of <domain> (its start tag just read). */
static vpLsScanResult
vpLsScanDomain(vpLsScan *sc, const virtplugHost *host, const vpLsWant *want,
               vpLsDomain *dom)
{
    vpLsTag tag;
    int rc;

    while ((rc = vpLsNextTag(sc, &tag, NULL)) == 1) {
        char **slot = NULL;

        if (tag.end)
            break;      /* </domain> */
        if (vpLsTagIs(&tag, "name"))
            slot = &dom->name;
        else if (vpLsTagIs(&tag, "uuid"))
            slot = NULL;
        else if (want->title && vpLsTagIs(&tag, "title"))
            slot = &dom->title;
        else if (want->title && vpLsTagIs(&tag, "description"))
            slot = &dom->description;
        else if (!vpLsSkipElement(sc, &tag))
            return VP_LS_SCAN_FALLBACK;
        else
            continue;

        if (vpLsTagIs(&tag, "uuid")) {
            char *text = vpLsTagText(sc, &tag);
            bool ok = text && !dom->have_uuid &&
                host->uuidParse(text, dom->uuid) == 0;

            free(text);
            if (!ok)
                return VP_LS_SCAN_FALLBACK;
            dom->have_uuid = true;
        } else {
            if (*slot || !(*slot = vpLsTagText(sc, &tag)))
                return VP_LS_SCAN_FALLBACK;
        }
        if (dom->name && dom->have_uuid && !want->title)
            return VP_LS_SCAN_OK;
    }
    /* End of <domain> (or of the input): all there is was seen. */
    if (rc != 1 || !dom->name || !dom->have_uuid)
        return VP_LS_SCAN_FALLBACK;
    return VP_LS_SCAN_OK;
}

vpLsScanResult
vpLsScanDoc(const virtplugHost *host, const char *buf, size_t len,
            vpLsDocKind kind, const vpLsWant *want, vpLsDomain *dom)
{
    vpLsScan sc = { buf, buf + len };
    vpLsTag tag;
    char *state = NULL, *reason = NULL, *pid = NULL;
    long long v;
    const char *err;

    /* An XML declaration may only name UTF-8. */
    if (len >= 5 && memcmp(buf, "<?xml", 5) == 0) {
        const char *close = memmem(buf, len, "?>", 2);
        if (!close)
            return VP_LS_SCAN_FALLBACK;
        {
            const char *enc = memmem(buf, (size_t)(close - buf), "encoding", 8);
            if (enc && !memmem(enc, (size_t)(close - enc), "UTF-8", 5) &&
                !memmem(enc, (size_t)(close - enc), "utf-8", 5))
                return VP_LS_SCAN_FALLBACK;
        }
    }
    if (vpLsNextTag(&sc, &tag, NULL) != 1 || tag.end)
        return VP_LS_SCAN_FALLBACK;

    if (kind == VP_LS_DOC_CONFIG) {
        if (!vpLsTagIs(&tag, "domain") || tag.empty)
            return VP_LS_SCAN_FALLBACK;
        return vpLsScanDomain(&sc, host, want, dom);
    }

    if (!vpLsTagIs(&tag, "domstatus") || tag.empty ||
        !vpLsTagAttr(&tag, "state", &state) ||
        !vpLsTagAttr(&tag, "reason", &reason) ||
        !vpLsTagAttr(&tag, "pid", &pid))
        goto fallback;
    err = NULL;
    if (!state || (dom->state = vpLsStateIndex(state)) < 0) {
        err = "state";
    } else {
        int r = reason ? vpLsReasonIndex(dom->state, reason) : 0;
        dom->reason = r < 0 ? 0 : r;
        dom->pid = 0;
        if (pid && vpParseLongLong(pid, 0, INT_MAX, &v) < 0)
            err = "pid";
        else if (pid)
            dom->pid = v;
    }
    free(state);
    free(reason);
    free(pid);
    state = reason = pid = NULL;
    if (err)
        return VP_LS_SCAN_FALLBACK;

    /* Children of <domstatus>: <monitor path=>, then <domain id=>. */
    for (;;) {
        if (vpLsNextTag(&sc, &tag, NULL) != 1 || tag.end)
            return VP_LS_SCAN_FALLBACK;
        if (vpLsTagIs(&tag, "monitor")) {
            if (dom->monitor || !vpLsTagAttr(&tag, "path", &dom->monitor))
                return VP_LS_SCAN_FALLBACK;
            if (want->monitor)
                return VP_LS_SCAN_OK;
        } else if (vpLsTagIs(&tag, "domain")) {
            char *id = NULL;

            if (want->monitor)
                return VP_LS_SCAN_OK;
            if (tag.empty || !vpLsTagAttr(&tag, "id", &id) || !id ||
                vpParseLongLong(id, 1, INT_MAX, &v) < 0) {
                free(id);
                return VP_LS_SCAN_FALLBACK;
            }
            free(id);
            dom->id = (int)v;
            return vpLsScanDomain(&sc, host, want, dom);
        }
        if (!vpLsSkipElement(&sc, &tag))
            return VP_LS_SCAN_FALLBACK;
    }

 fallback:
    free(state);
    free(reason);
    free(pid);
    return VP_LS_SCAN_FALLBACK;
}

bool
vpLsScanClosed(const char *buf, size_t len, vpLsDocKind kind)
{
    const char *root = kind == VP_LS_DOC_STATUS ? "domstatus" : "domain";
    size_t n = strlen(root);
    const char *p;

    while (len > 0 && (vpLsIsSpace(buf[len - 1]) || buf[len - 1] == '\r'))
        len--;
    if (len < n + 3 || buf[len - 1] != '>')
        return false;
    p = buf + len - 2;
    while (p > buf && vpLsIsSpace(*p))
        p--;
    /* p is on the last character of the end tag's name */
    return (size_t)(p - buf) >= n + 1 && memcmp(p - n - 1, "</", 2) == 0 &&
        memcmp(p - n + 1, root, n) == 0;
}
