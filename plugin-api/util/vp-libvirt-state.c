/*
 * vp-libvirt-state.c: listing the domains of a libvirt driver from the files
 * it keeps on disk (see vp-libvirt-state.h for the layout).
 *
 * Only what is asked is read:
 *  - XML is read with libxml2's streaming reader and the reading stops as
 *    soon as the wanted values are known (a 10 KB status file is read up to
 *    its <uuid>; a config up to its <uuid>, or to the end of <domain> only
 *    when a title or description is wanted);
 *  - the autostart link, the managed save image and the snapshot and
 *    checkpoint directories are looked at only when the sink needs them;
 *  - the status directory is not scanned when no active domain can match,
 *    the config directory not when no inactive one can.
 *
 * Decisions (each bad file costs only its own domain, with a warning):
 *  - a status file is valid when it is a <domstatus> with a known state and
 *    a <domain> whose <name> equals the file name and whose <uuid> parses;
 *    otherwise it is ignored: the domain counts as inactive (listed from its
 *    config when persistent, absent when transient).  The same holds for a
 *    status file whose pid is dead when layout->check_pids is set, and for a
 *    file larger than VP_FILE_XML_CAP (a sparse 1 GiB file is refused by its
 *    size, without reading it);
 *  - a config is valid when it is a <domain> whose <name> equals the file
 *    name and whose <uuid> parses; otherwise the domain is skipped;
 *  - a domain is persistent when config_dir/NAME.xml is a regular file;
 *  - autostart: autostart_dir/NAME.xml is a symbolic link whose target's
 *    last component is NAME.xml and which does not end in a loop.  libvirt
 *    compares the link's target with the config file; comparing names
 *    instead also works for a copied tree or an embed root, whose links hold
 *    absolute paths of the original host;
 *  - managed save: save_dir/NAME.save is a regular file (not followed);
 *  - snapshot and checkpoint counts: the *.xml files in DIR/NAME/, which is
 *    what libvirt loads (their contents are not validated);
 *  - an inactive persistent domain is "shut off" with reason "unknown", as
 *    libvirt reports it after loading it from disk.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "vp-file.h"
#include "vp-libvirt-state.h"

#define VP_LS_ACTIVE_GROUP (VIR_CONNECT_LIST_DOMAINS_ACTIVE | \
                            VIR_CONNECT_LIST_DOMAINS_INACTIVE)
#define VP_LS_PERSIST_GROUP (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | \
                             VIR_CONNECT_LIST_DOMAINS_TRANSIENT)

/* Longest text value kept from a file (names, titles, paths). */
#define VP_LS_TEXT_MAX (64u * 1024)

/* ---- what one file told us -------------------------------------------- */

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool have_uuid;
    int id;                 /* status: <domain id=>, else -1 */
    int state;              /* status: virDomainState */
    int reason;
    long long pid;          /* status: <domstatus pid=>, 0 when absent */
    char *title;
    char *description;
    char *monitor;          /* status: <monitor path=> */
} vpLsDomain;

static void
vpLsDomainClear(vpLsDomain *dom)
{
    free(dom->name);
    free(dom->title);
    free(dom->description);
    free(dom->monitor);
    memset(dom, 0, sizeof(*dom));
    dom->id = -1;
}

/* Copies a name into out for a message: bytes outside printable ASCII become
 * '?', so a non-UTF-8 file name never reaches a log as raw bytes. */
static const char *
vpLsPrintable(const char *name, char *out, size_t outlen)
{
    size_t i;

    for (i = 0; name[i] && i + 1 < outlen; i++) {
        unsigned char c = (unsigned char)name[i];
        out[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    out[i] = '\0';
    return out;
}

/* ---- state and reason strings (libvirt's enum spellings) --------------- */

static const char *const vpLsStates[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
    "crashed", "pmsuspended", NULL,
};
static const char *const vpLsReasonsNostate[] = { "unknown", NULL };
static const char *const vpLsReasonsRunning[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot",
    "unpaused", "migration canceled", "save canceled", "wakeup", "crashed",
    "post-copy", "post-copy failed", NULL,
};
static const char *const vpLsReasonsBlocked[] = { "unknown", NULL };
static const char *const vpLsReasonsPaused[] = {
    "unknown", "user", "migration", "save", "dump", "ioerror", "watchdog",
    "from snapshot", "shutdown", "snapshot", "panicked", "starting up",
    "post-copy", "post-copy failed", "api error", NULL,
};
static const char *const vpLsReasonsShutdown[] = { "unknown", "user", NULL };
static const char *const vpLsReasonsShutoff[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
    "failed", "from snapshot", "daemon", NULL,
};
static const char *const vpLsReasonsCrashed[] = { "unknown", "panicked", NULL };
static const char *const vpLsReasonsPmsuspended[] = { "unknown", NULL };

static const char *const *const vpLsReasons[] = {
    vpLsReasonsNostate, vpLsReasonsRunning, vpLsReasonsBlocked,
    vpLsReasonsPaused, vpLsReasonsShutdown, vpLsReasonsShutoff,
    vpLsReasonsCrashed, vpLsReasonsPmsuspended,
};

static int
vpLsEnumIndex(const char *const *names, const char *value)
{
    int i;

    for (i = 0; names[i]; i++) {
        if (strcmp(names[i], value) == 0)
            return i;
    }
    return -1;
}

/* ---- streaming XML reader ---------------------------------------------- */

typedef enum {
    VP_LS_DOC_CONFIG,   /* <domain> */
    VP_LS_DOC_STATUS,   /* <domstatus> around <domain id=> */
} vpLsDocKind;

/* What the caller wants from a document. */
typedef struct {
    bool title;         /* also <title> and <description> (to end of <domain>) */
    bool monitor;       /* only <monitor path=>, nothing else (status) */
} vpLsWant;

typedef struct {
    char msg[256];
} vpLsXmlError;

static void
vpLsReaderError(void *arg, xmlErrorPtr err)
{
    vpLsXmlError *e = arg;
    size_t n;

    if (!err || e->msg[0] || err->level == XML_ERR_WARNING || !err->message)
        return;
    snprintf(e->msg, sizeof(e->msg), "line %d: %s", err->line, err->message);
    /* Keep the first line: libxml2 adds byte dumps on following ones. */
    e->msg[strcspn(e->msg, "\n")] = '\0';
    n = strlen(e->msg);
    while (n > 0 && e->msg[n - 1] == ' ')
        e->msg[--n] = '\0';
}

/* The text of the element the reader is on (which must be a start tag),
 * leaving the reader on its end.  Entity references (other than the five
 * predefined ones, which arrive as text) make it fail: they are never
 * expanded.  Returns a malloc'd string or NULL (*bad set when malformed). */
static char *
vpLsReadText(xmlTextReaderPtr reader, bool *bad)
{
    int depth = xmlTextReaderDepth(reader);
    size_t len = 0;
    char *text = calloc(1, 1);

    if (!text) {
        *bad = true;
        return NULL;
    }
    if (xmlTextReaderIsEmptyElement(reader))
        return text;

    for (;;) {
        int rc = xmlTextReaderRead(reader);
        int type;

        if (rc != 1)
            goto error;
        type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(reader) == depth)
            return text;
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
            type == XML_READER_TYPE_WHITESPACE) {
            const char *value = (const char *)xmlTextReaderConstValue(reader);
            size_t add = value ? strlen(value) : 0;
            char *bigger;

            if (len + add > VP_LS_TEXT_MAX)
                goto error;
            if (!(bigger = realloc(text, len + add + 1)))
                goto error;
            text = bigger;
            memcpy(text + len, value, add);
            len += add;
            text[len] = '\0';
        } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            goto error;
        }
    }

 error:
    free(text);
    *bad = true;
    return NULL;
}

/* An attribute of the current element, malloc'd, or NULL. */
static char *
vpLsAttr(xmlTextReaderPtr reader, const char *name)
{
    xmlChar *value = xmlTextReaderGetAttribute(reader, BAD_CAST name);
    char *copy;

    if (!value)
        return NULL;
    copy = strdup((const char *)value);
    xmlFree(value);
    return copy;
}

static bool
vpLsParseInt(const char *str, long long min, long long max, long long *out)
{
    char *end;
    long long v;

    if (!str || !*str)
        return false;
    errno = 0;
    v = strtoll(str, &end, 10);
    if (errno || *end || end == str || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* Reads the <domstatus> root's attributes.  Returns an error text or NULL. */
static const char *
vpLsStatusRoot(xmlTextReaderPtr reader, vpLsDomain *dom)
{
    char *state = vpLsAttr(reader, "state");
    char *reason = vpLsAttr(reader, "reason");
    char *pid = vpLsAttr(reader, "pid");
    const char *err = NULL;
    long long v;

    if (!state || (dom->state = vpLsEnumIndex(vpLsStates, state)) < 0) {
        err = "missing or unknown domain state";
    } else {
        dom->reason = 0;
        if (reason) {
            int r = vpLsEnumIndex(vpLsReasons[dom->state], reason);
            /* An unknown reason is not worth the domain. */
            dom->reason = r < 0 ? 0 : r;
        }
        dom->pid = 0;
        if (pid) {
            if (vpLsParseInt(pid, 0, INT_MAX, &v))
                dom->pid = v;
            else
                err = "invalid pid";
        }
    }
    free(state);
    free(reason);
    free(pid);
    return err;
}

/* Whether a child element of <domain> is one we read. */
static bool
vpLsDomainChildWanted(const char *elem, const vpLsWant *want)
{
    return strcmp(elem, "name") == 0 || strcmp(elem, "uuid") == 0 ||
        (want->title && (strcmp(elem, "title") == 0 ||
                         strcmp(elem, "description") == 0));
}

/* Reads one wanted child of <domain> (the reader is on its start tag).
 * Returns an error text, NULL when fine. */
static const char *
vpLsDomainChild(xmlTextReaderPtr reader, const char *elem,
                const virtplugHost *host, vpLsDomain *dom)
{
    bool bad = false;
    char *text;

    if (strcmp(elem, "name") == 0) {
        if (dom->name)
            return "more than one <name>";
        if (!(dom->name = vpLsReadText(reader, &bad)))
            return "invalid <name>";
    } else if (strcmp(elem, "uuid") == 0) {
        if (dom->have_uuid)
            return "more than one <uuid>";
        if (!(text = vpLsReadText(reader, &bad)))
            return "invalid <uuid>";
        if (host->uuidParse(text, dom->uuid) < 0) {
            free(text);
            return "malformed <uuid>";
        }
        free(text);
        dom->have_uuid = true;
    } else if (strcmp(elem, "title") == 0) {
        free(dom->title);
        if (!(dom->title = vpLsReadText(reader, &bad)))
            return "invalid <title>";
    } else {
        free(dom->description);
        if (!(dom->description = vpLsReadText(reader, &bad)))
            return "invalid <description>";
    }
    return NULL;
}

/* ---- fast path: a scanner for the files libvirt itself writes ----------
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

typedef struct {
    const char *p;
    const char *end;
} vpLsScan;

typedef enum {
    VP_LS_SCAN_OK = 0,
    VP_LS_SCAN_FALLBACK = 1,
} vpLsScanResult;

static bool
vpLsIsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
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
        if (sc->end - sc->p >= 3 && memcmp(sc->p, "!--", 3) == 0) {
            if (text_start)
                return -1;  /* a comment inside a wanted text */
            if (!vpLsSkipPast(sc, "-->"))
                return -1;
            continue;
        }
        if (sc->p < sc->end && *sc->p == '?') {
            if (text_start || !vpLsSkipPast(sc, "?>"))
                return -1;
            continue;
        }
        if (sc->p < sc->end && *sc->p == '!')
            return -1;      /* DOCTYPE, CDATA */
        break;
    }

    memset(tag, 0, sizeof(*tag));
    if (sc->p < sc->end && *sc->p == '/') {
        tag->end = true;
        sc->p++;
    }
    tag->name = sc->p;
    while (sc->p < sc->end && !vpLsIsSpace(*sc->p) && *sc->p != '>' &&
           *sc->p != '/' && *sc->p != '<' && *sc->p != '\r')
        sc->p++;
    tag->namelen = (size_t)(sc->p - tag->name);
    if (!tag->namelen)
        return -1;
    tag->attrs = sc->p;
    /* The buffer is NUL-terminated (vpFileRead), so strcspn() may run to
     * the end; an embedded NUL stops it early and means fallback. */
    while (sc->p < sc->end) {
        char c;

        sc->p += strcspn(sc->p, "'\"<>\r");
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

/* Skips the rest of an element whose start tag was just read. */
static bool
vpLsSkipElement(vpLsScan *sc, const vpLsTag *start)
{
    vpLsTag tag;
    int depth = 1;

    if (start->empty)
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

static vpLsScanResult
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
    if (!state || (dom->state = vpLsEnumIndex(vpLsStates, state)) < 0) {
        err = "state";
    } else {
        int r = reason ? vpLsEnumIndex(vpLsReasons[dom->state], reason) : 0;
        dom->reason = r < 0 ? 0 : r;
        dom->pid = 0;
        if (pid && !vpLsParseInt(pid, 0, INT_MAX, &v))
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
                !vpLsParseInt(id, 1, INT_MAX, &v)) {
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

/* Parses buf as a config or status document into dom.  Returns 0, or -1
 * after a warning naming the file. */
static int
vpLsParse(const virtplugHost *host, int from, const char *buf, size_t len,
          const char *path, vpLsDocKind kind, const vpLsWant *want,
          vpLsDomain *dom)
{
    xmlTextReaderPtr reader;
    vpLsXmlError xerr = { { 0 } };
    const char *err = NULL;
    bool in_domain = false, done = false, seen_root = false, reuse = false;
    int domain_depth = kind == VP_LS_DOC_STATUS ? 1 : 0;
    int rc = 0;

    if (len > INT_MAX) {
        host->warn(from, "ignoring '%s': too large", path);
        return -1;
    }
    reader = xmlReaderForMemory(buf, (int)len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    if (!reader) {
        host->warn(from, "ignoring '%s': out of memory", path);
        return -1;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, vpLsReaderError, &xerr);

    while (!done && !err) {
        const char *elem;
        int depth, type;

        if (!reuse && (rc = xmlTextReaderRead(reader)) != 1)
            break;
        reuse = false;
        type = xmlTextReaderNodeType(reader);
        depth = xmlTextReaderDepth(reader);
        elem = (const char *)xmlTextReaderConstLocalName(reader);

        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (in_domain && depth == domain_depth)
                break;  /* end of <domain>: everything there is was read */
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || !elem)
            continue;

        if (!seen_root) {
            seen_root = true;
            if (strcmp(elem, kind == VP_LS_DOC_STATUS ? "domstatus" : "domain")) {
                err = kind == VP_LS_DOC_STATUS ? "root element is not <domstatus>"
                                               : "root element is not <domain>";
            } else if (kind == VP_LS_DOC_STATUS) {
                err = vpLsStatusRoot(reader, dom);
            } else {
                in_domain = true;
            }
            continue;
        }

        if (!in_domain) {
            /* Children of <domstatus>. */
            if (depth != 1)
                continue;
            if (strcmp(elem, "monitor") == 0) {
                free(dom->monitor);
                dom->monitor = vpLsAttr(reader, "path");
                if (want->monitor) {
                    done = true;
                    break;
                }
            } else if (strcmp(elem, "domain") == 0) {
                char *id = vpLsAttr(reader, "id");
                long long v;

                if (want->monitor) {
                    free(id);
                    done = true;  /* no monitor element: none to skip */
                    break;
                }
                if (!id || !vpLsParseInt(id, 1, INT_MAX, &v))
                    err = "missing or invalid domain id";
                else
                    dom->id = (int)v;
                free(id);
                in_domain = true;
            } else {
                /* Skip private data subtrees without visiting them. */
                if ((rc = xmlTextReaderNext(reader)) != 1)
                    break;
                reuse = true;
            }
            continue;
        }

        if (depth != domain_depth + 1)
            continue;
        if (!vpLsDomainChildWanted(elem, want)) {
            /* Devices and the like: skip the subtree unvisited. */
            if ((rc = xmlTextReaderNext(reader)) != 1)
                break;
            reuse = true;
            continue;
        }
        err = vpLsDomainChild(reader, elem, host, dom);
        if (dom->name && dom->have_uuid && !want->title)
            done = true;
    }

    if (!err && !done && !want->monitor) {
        if (rc < 0 || xerr.msg[0])
            err = xerr.msg[0] ? xerr.msg : "malformed XML";
        else if (!seen_root)
            err = "empty document";
        else if (!dom->name)
            err = "no <name>";
        else if (!dom->have_uuid)
            err = "no <uuid>";
        else if (kind == VP_LS_DOC_STATUS && dom->id < 0)
            err = "no <domain> element";
    }
    /* Only the monitor was wanted: a parse error before it still counts. */
    if (!err && want->monitor && (rc < 0 || xerr.msg[0]))
        err = xerr.msg[0] ? xerr.msg : "malformed XML";
    xmlFreeTextReader(reader);

    if (err) {
        host->warn(from, "ignoring '%s': %s", path, err);
        return -1;
    }
    return 0;
}

/* ---- files and directories --------------------------------------------- */

/* Opens a directory (never blocking).  The directories are configured
 * paths, so a symlink to them is followed.  Returns a DIR* or NULL (errno
 * set). */
static DIR *
vpLsOpenDir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
    DIR *dir;

    if (fd < 0)
        return NULL;
    if (!(dir = fdopendir(fd))) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return dir;
}

/* Whether NAME (file stem) may name a domain file at all. */
static bool
vpLsNameUsable(const char *name)
{
    size_t n = strlen(name);

    return n > 0 && n <= NAME_MAX - 5 && !strchr(name, '/') &&
        strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* "DIR/NAME.xml" style paths; malloc'd or NULL. */
static char *
vpLsPath(const char *dir, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + 1 + strlen(name) + strlen(suffix) + 1;
    char *path = malloc(len);

    if (path)
        snprintf(path, len, "%s/%s%s", dir, name, suffix);
    return path;
}

/* 1 when path is a regular file (not followed), 0 when not, never fails. */
static int
vpLsIsRegular(const char *dir, const char *name, const char *suffix)
{
    char *path;
    struct stat st;
    int ret = 0;

    if (!dir || !(path = vpLsPath(dir, name, suffix)))
        return 0;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        ret = 1;
    free(path);
    return ret;
}

static bool
vpLsAutostart(const virtplugHost *host, const vpLibvirtLayout *layout,
              const char *name)
{
    char *link, target[PATH_MAX + 1];
    const char *base;
    struct stat st;
    ssize_t n;
    bool ret = false;
    char shown[128];

    if (!layout->autostart_dir ||
        !(link = vpLsPath(layout->autostart_dir, name, ".xml")))
        return false;
    if (lstat(link, &st) < 0 || !S_ISLNK(st.st_mode))
        goto cleanup;
    if ((n = readlink(link, target, sizeof(target) - 1)) <= 0)
        goto cleanup;
    target[n] = '\0';
    base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if (strncmp(base, name, strlen(name)) != 0 ||
        strcmp(base + strlen(name), ".xml") != 0)
        goto cleanup;
    /* stat() only resolves the chain (nothing is opened); a loop is
     * reported and means "no autostart", as it does for libvirt. */
    if (stat(link, &st) < 0 && errno == ELOOP) {
        host->warn(layout->error_from,
                   "ignoring autostart link of domain '%s': symbolic link loop",
                   vpLsPrintable(name, shown, sizeof(shown)));
        goto cleanup;
    }
    ret = true;

 cleanup:
    free(link);
    return ret;
}

/* The number of *.xml files in DIR/NAME (0 when there is no such dir). */
static int
vpLsCountXml(const char *dir, const char *name)
{
    char *path;
    DIR *d;
    struct dirent *ent;
    int count = 0;

    if (!dir || !(path = vpLsPath(dir, name, "")))
        return 0;
    d = vpLsOpenDir(path);
    free(path);
    if (!d)
        return 0;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] != '.' && vpHasSuffix(ent->d_name, ".xml") &&
            count < INT_MAX)
            count++;
    }
    closedir(d);
    return count;
}

/* Reads and parses DIR/NAME.xml.  Returns 1 parsed, 0 missing, -1 bad (a
 * warning was given). */
static int
vpLsLoad(const virtplugHost *host, const vpLibvirtLayout *layout,
         const char *dir, const char *name, vpLsDocKind kind,
         const vpLsWant *want, vpLsDomain *dom)
{
    char *path, *buf = NULL;
    size_t len = 0;
    vpFileStatus st;
    int ret = -1;
    char shown[PATH_MAX], named[128], stem[128];

    vpLsDomainClear(dom);
    if (!(path = vpLsPath(dir, name, ".xml")))
        return -1;
    vpLsPrintable(path, shown, sizeof(shown));
    st = vpFileRead(host, layout->error_from, AT_FDCWD, path, false,
                    VP_FILE_XML_CAP, &buf, &len);
    if (st == VP_FILE_MISSING) {
        ret = 0;
        goto cleanup;
    }
    if (st != VP_FILE_OK)
        goto cleanup;
    if (vpLsScanDoc(host, buf, len, kind, want, dom) != VP_LS_SCAN_OK) {
        /* Not the plain shape: libxml2 reads it (and judges it). */
        vpLsDomainClear(dom);
        if (vpLsParse(host, layout->error_from, buf, len, shown, kind, want,
                      dom) < 0)
            goto cleanup;
    }
    if (!want->monitor && strcmp(dom->name, name) != 0) {
        host->warn(layout->error_from,
                   "ignoring '%s': it names domain '%s', not '%s'", shown,
                   vpLsPrintable(dom->name, named, sizeof(named)),
                   vpLsPrintable(name, stem, sizeof(stem)));
        goto cleanup;
    }
    ret = 1;

 cleanup:
    if (ret != 1)
        vpLsDomainClear(dom);
    free(buf);
    free(path);
    return ret;
}

/* Loads the status file of NAME and checks that it describes a running
 * QEMU.  Returns 1 active (dom filled), 0 not active, -1 out of memory. */
static int
vpLsLoadActive(const virtplugHost *host, const vpLibvirtLayout *layout,
               const char *name, const vpLsWant *want, vpLsDomain *dom)
{
    char shown[128];
    int rc;

    if (!layout->status_dir)
        return 0;
    rc = vpLsLoad(host, layout, layout->status_dir, name, VP_LS_DOC_STATUS,
                  want, dom);
    if (rc <= 0)
        return 0;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        /* libvirt never keeps a status file for a shut off domain. */
        host->warn(layout->error_from,
                   "ignoring status of domain '%s': state is shut off",
                   vpLsPrintable(name, shown, sizeof(shown)));
        vpLsDomainClear(dom);
        return 0;
    }
    if (layout->check_pids && !vpPidAlive((pid_t)dom->pid)) {
        vpLsDomainClear(dom);
        return 0;
    }
    return 1;
}

/* ---- a set of names (which domains were found active) ------------------ */

typedef struct {
    char **slots;
    size_t size;    /* power of two */
    size_t count;
} vpLsNameSet;

static size_t
vpLsHash(const char *s)
{
    size_t h = 1469598103934665603ull & SIZE_MAX;

    while (*s)
        h = (h ^ (unsigned char)*s++) * (1099511628211ull & SIZE_MAX);
    return h;
}

static bool
vpLsNameSetHas(const vpLsNameSet *set, const char *name)
{
    size_t i;

    if (!set->size)
        return false;
    for (i = vpLsHash(name) & (set->size - 1); set->slots[i];
         i = (i + 1) & (set->size - 1)) {
        if (strcmp(set->slots[i], name) == 0)
            return true;
    }
    return false;
}

static int
vpLsNameSetAdd(vpLsNameSet *set, const char *name)
{
    size_t i;
    char *copy;

    if (vpLsNameSetHas(set, name))
        return 0;
    if ((set->count + 1) * 2 > set->size) {
        size_t nsize = set->size ? set->size * 2 : 64;
        char **nslots = calloc(nsize, sizeof(*nslots));
        size_t j;

        if (!nslots)
            return -1;
        for (j = 0; j < set->size; j++) {
            if (!set->slots[j])
                continue;
            for (i = vpLsHash(set->slots[j]) & (nsize - 1); nslots[i];
                 i = (i + 1) & (nsize - 1))
                ;
            nslots[i] = set->slots[j];
        }
        free(set->slots);
        set->slots = nslots;
        set->size = nsize;
    }
    if (!(copy = strdup(name)))
        return -1;
    for (i = vpLsHash(name) & (set->size - 1); set->slots[i];
         i = (i + 1) & (set->size - 1))
        ;
    set->slots[i] = copy;
    set->count++;
    return 0;
}

static void
vpLsNameSetFree(vpLsNameSet *set)
{
    size_t i;

    for (i = 0; i < set->size; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof(*set));
}

/* ---- records ------------------------------------------------------------ */

/* Adds dom to the sink with what `need` asks for.  active: dom came from a
 * status file.  Returns 0 (also when the sink already has the domain), -1
 * out of memory. */
static int
vpLsEmit(const virtplugHost *host, const vpLibvirtLayout *layout,
         virtplugDomainSink *sink, unsigned int need, const vpLsDomain *dom,
         bool active, int persistent)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    if (!(rec = host->recordAdd(sink, dom->name, dom->uuid)))
        return 0;   /* already reported (or no memory: nothing to add to) */
    info = host->recordInfo(rec);

    info->active = active;
    info->id = active ? dom->id : -1;
    info->known |= VIRTPLUG_ATTR_ACTIVE;

    if (persistent < 0)
        persistent = vpLsIsRegular(layout->config_dir, dom->name, ".xml");
    info->persistent = persistent;
    info->known |= VIRTPLUG_ATTR_PERSISTENT;

    if (active) {
        info->state = dom->state;
        info->reason = dom->reason;
    } else {
        info->state = VIR_DOMAIN_SHUTOFF;
        info->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    }
    info->known |= VIRTPLUG_ATTR_STATE;

    if (need & VIRTPLUG_ATTR_MANAGEDSAVE) {
        info->managed_save = vpLsIsRegular(layout->save_dir, dom->name,
                                           ".save");
        info->known |= VIRTPLUG_ATTR_MANAGEDSAVE;
    }
    if (need & VIRTPLUG_ATTR_AUTOSTART) {
        info->autostart = persistent && vpLsAutostart(host, layout, dom->name);
        info->known |= VIRTPLUG_ATTR_AUTOSTART;
    }
    if (need & VIRTPLUG_ATTR_SNAPSHOT) {
        info->snapshots = vpLsCountXml(layout->snapshot_dir, dom->name);
        info->known |= VIRTPLUG_ATTR_SNAPSHOT;
    }
    if (need & VIRTPLUG_ATTR_CHECKPOINT) {
        info->checkpoints = vpLsCountXml(layout->checkpoint_dir, dom->name);
        info->known |= VIRTPLUG_ATTR_CHECKPOINT;
    }
    if (need & VIRTPLUG_ATTR_TITLE) {
        if (host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, dom->title) < 0)
            return -1;
    }
    if (need & VIRTPLUG_ATTR_DESCRIPTION) {
        if (host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION,
                                dom->description) < 0)
            return -1;
    }
    return 0;
}

static void
vpLsWantFor(unsigned int need, vpLsWant *want)
{
    want->title = (need & (VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION)) != 0;
    want->monitor = false;
}

/* The stem of a directory entry named STEM.xml, copied into out. */
static bool
vpLsEntryName(const struct dirent *ent, char *out, size_t outlen)
{
    size_t n = strlen(ent->d_name);

    if (!vpHasSuffix(ent->d_name, ".xml") || n - 4 >= outlen)
        return false;
    memcpy(out, ent->d_name, n - 4);
    out[n - 4] = '\0';
    return vpLsNameUsable(out);
}

static int
vpLsDirError(const virtplugHost *host, const vpLibvirtLayout *layout,
             const char *dir, int err)
{
    host->reportSystemError(layout->error_from, VIR_ERR_SYSTEM_ERROR, err,
                            "cannot open directory '%s'", dir);
    return -1;
}

/* ---- the API -------------------------------------------------------------- */

int
vpLibvirtStateList(const virtplugHost *host, const vpLibvirtLayout *layout,
                   unsigned int flags, virtplugDomainSink *sink)
{
    unsigned int need = host->sinkNeed(sink);
    bool want_active = !(flags & VP_LS_ACTIVE_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    bool want_inactive = !(flags & VP_LS_ACTIVE_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    bool want_persistent = !(flags & VP_LS_PERSIST_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    bool want_transient = !(flags & VP_LS_PERSIST_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    vpLsNameSet seen = { 0 };
    vpLsDomain dom = { .id = -1 };
    vpLsWant want;
    struct dirent *ent;
    char name[NAME_MAX + 1];
    DIR *dir;
    int ret = -1;

    vpLsWantFor(need, &want);

    /* Active domains first: every valid, live status file.  Names found
     * here are remembered so that the config scan does not list them again
     * (a domain that stops in between stays listed once, as active). */
    if (want_active && layout->status_dir) {
        if (!(dir = vpLsOpenDir(layout->status_dir))) {
            if (errno != ENOENT && errno != ENOTDIR) {
                vpLsDirError(host, layout, layout->status_dir, errno);
                goto cleanup;
            }
        } else {
            while ((ent = readdir(dir))) {
                int persistent;

                if (!vpLsEntryName(ent, name, sizeof(name)))
                    continue;
                persistent = vpLsIsRegular(layout->config_dir, name, ".xml");
                if ((persistent && !want_persistent) ||
                    (!persistent && !want_transient))
                    continue;
                if (vpLsLoadActive(host, layout, name, &want, &dom) <= 0)
                    continue;
                if (vpLsNameSetAdd(&seen, name) < 0 ||
                    vpLsEmit(host, layout, sink, need, &dom, true,
                             persistent) < 0) {
                    closedir(dir);
                    goto nomem;
                }
                vpLsDomainClear(&dom);
            }
            closedir(dir);
        }
    }

    /* Inactive persistent domains: configs without a live status file. */
    if (want_inactive && want_persistent) {
        if (!(dir = vpLsOpenDir(layout->config_dir))) {
            if (errno != ENOENT && errno != ENOTDIR) {
                vpLsDirError(host, layout, layout->config_dir, errno);
                goto cleanup;
            }
        } else {
            while ((ent = readdir(dir))) {
                if (!vpLsEntryName(ent, name, sizeof(name)))
                    continue;
                if (vpLsNameSetHas(&seen, name))
                    continue;
                /* Without the active scan, a live status file is looked
                 * for here (only persistent domains pay for it). */
                if (!want_active &&
                    vpLsIsRegular(layout->status_dir, name, ".xml")) {
                    vpLsWant quick = { .title = false, .monitor = false };
                    int rc = vpLsLoadActive(host, layout, name, &quick, &dom);

                    vpLsDomainClear(&dom);
                    if (rc != 0)
                        continue;
                }
                if (vpLsLoad(host, layout, layout->config_dir, name,
                             VP_LS_DOC_CONFIG, &want, &dom) <= 0)
                    continue;
                if (vpLsEmit(host, layout, sink, need, &dom, false, 1) < 0) {
                    closedir(dir);
                    goto nomem;
                }
                vpLsDomainClear(&dom);
            }
            closedir(dir);
        }
    }
    ret = 0;
    goto cleanup;

 nomem:
    host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                      "listing domains");
 cleanup:
    vpLsDomainClear(&dom);
    vpLsNameSetFree(&seen);
    return ret;
}

/* Emits NAME (active or inactive) when it exists.  1 found, 0 not, -1 err. */
static int
vpLsLookupName(const virtplugHost *host, const vpLibvirtLayout *layout,
               const char *name, const unsigned char *uuid,
               virtplugDomainSink *sink)
{
    unsigned int need = host->sinkNeed(sink);
    vpLsDomain dom = { .id = -1 };
    vpLsWant want;
    int ret = 0;
    bool active = false;

    if (!vpLsNameUsable(name))
        return 0;
    vpLsWantFor(need, &want);
    if (vpLsLoadActive(host, layout, name, &want, &dom) > 0)
        active = true;
    else if (vpLsLoad(host, layout, layout->config_dir, name,
                      VP_LS_DOC_CONFIG, &want, &dom) <= 0)
        goto cleanup;
    if (uuid && memcmp(uuid, dom.uuid, VIR_UUID_BUFLEN) != 0)
        goto cleanup;
    if (vpLsEmit(host, layout, sink, need, &dom, active, -1) < 0) {
        host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                          "looking up a domain");
        ret = -1;
    } else {
        ret = 1;
    }

 cleanup:
    vpLsDomainClear(&dom);
    return ret;
}

/* Scans DIR for the domain with this UUID or id, only reading each file as
 * far as its <uuid>.  Returns the name (malloc'd) or NULL. */
static char *
vpLsFindName(const virtplugHost *host, const vpLibvirtLayout *layout,
             const char *dirpath, vpLsDocKind kind,
             const virtplugDomainKey *key)
{
    vpLsWant want = { .title = false, .monitor = false };
    vpLsDomain dom = { .id = -1 };
    struct dirent *ent;
    char name[NAME_MAX + 1];
    char *found = NULL;
    DIR *dir;

    if (!dirpath || !(dir = vpLsOpenDir(dirpath)))
        return NULL;
    while (!found && (ent = readdir(dir))) {
        bool match;

        if (!vpLsEntryName(ent, name, sizeof(name)))
            continue;
        if (kind == VP_LS_DOC_STATUS) {
            if (vpLsLoadActive(host, layout, name, &want, &dom) <= 0)
                continue;
        } else if (vpLsLoad(host, layout, dirpath, name, kind, &want,
                            &dom) <= 0) {
            continue;
        }
        if (key->type == VIRTPLUG_KEY_ID)
            match = dom.id == key->id;
        else
            match = memcmp(dom.uuid, key->uuid, VIR_UUID_BUFLEN) == 0;
        if (match)
            found = strdup(name);
        vpLsDomainClear(&dom);
    }
    closedir(dir);
    return found;
}

int
vpLibvirtStateLookup(const virtplugHost *host, const vpLibvirtLayout *layout,
                     const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    char *name;
    int rc;

    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        return key->name ? vpLsLookupName(host, layout, key->name, NULL, sink)
                         : 0;
    case VIRTPLUG_KEY_UUID:
        /* A per-domain query names the domain too: try the cheap way. */
        if (key->name &&
            (rc = vpLsLookupName(host, layout, key->name, key->uuid, sink)) != 0)
            return rc;
        if (!(name = vpLsFindName(host, layout, layout->status_dir,
                                  VP_LS_DOC_STATUS, key)))
            name = vpLsFindName(host, layout, layout->config_dir,
                                VP_LS_DOC_CONFIG, key);
        break;
    case VIRTPLUG_KEY_ID:
        if (key->id <= 0)
            return 0;
        name = vpLsFindName(host, layout, layout->status_dir,
                            VP_LS_DOC_STATUS, key);
        break;
    default:
        return 0;
    }
    if (!name)
        return 0;
    rc = vpLsLookupName(host, layout, name,
                        key->type == VIRTPLUG_KEY_UUID ? key->uuid : NULL, sink);
    free(name);
    return rc;
}

char **
vpLibvirtStateMonitorPaths(const virtplugHost *host,
                           const vpLibvirtLayout *layout)
{
    vpLsWant want = { .title = false, .monitor = true };
    vpLsDomain dom = { .id = -1 };
    struct dirent *ent;
    char name[NAME_MAX + 1];
    char **paths;
    size_t n = 0, alloc = 8;
    DIR *dir;

    if (!(paths = calloc(alloc, sizeof(*paths))))
        return NULL;
    if (!layout->status_dir || !(dir = vpLsOpenDir(layout->status_dir)))
        return paths;
    while ((ent = readdir(dir))) {
        if (!vpLsEntryName(ent, name, sizeof(name)))
            continue;
        if (vpLsLoad(host, layout, layout->status_dir, name,
                     VP_LS_DOC_STATUS, &want, &dom) <= 0 || !dom.monitor) {
            vpLsDomainClear(&dom);
            continue;
        }
        if (n + 2 > alloc) {
            char **bigger = realloc(paths, alloc * 2 * sizeof(*paths));

            if (!bigger)
                goto nomem;
            paths = bigger;
            alloc *= 2;
        }
        paths[n++] = dom.monitor;
        paths[n] = NULL;
        dom.monitor = NULL;
        vpLsDomainClear(&dom);
    }
    closedir(dir);
    return paths;

 nomem:
    closedir(dir);
    vpLsDomainClear(&dom);
    while (n > 0)
        free(paths[--n]);
    free(paths);
    return NULL;
}
