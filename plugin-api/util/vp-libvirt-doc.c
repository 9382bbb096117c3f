/*
 * vp-libvirt-doc.c: reading one libvirt config or status file with
 * libxml2's streaming reader, and libvirt's state and reason spellings.
 *
 * The reader stops as soon as the wanted values are known and skips the
 * subtrees it does not need (devices, the driver's private data) without
 * visiting them.  Entity references are never expanded: a name that holds
 * one is refused.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include <virtplug/vp-parse.h>
#include "vp-libvirt-doc.h"

void
vpLsDomainClear(vpLsDomain *dom)
{
    free(dom->name);
    free(dom->title);
    free(dom->description);
    free(dom->monitor);
    memset(dom, 0, sizeof(*dom));
    dom->id = -1;
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


int
vpLsStateIndex(const char *state)
{
    return vpLsEnumIndex(vpLsStates, state);
}

int
vpLsReasonIndex(int state, const char *reason)
{
    if (state < 0 || state >= (int)(sizeof(vpLsReasons) / sizeof(vpLsReasons[0])))
        return -1;
    return vpLsEnumIndex(vpLsReasons[state], reason);
}

/* ---- streaming XML reader ---------------------------------------------- */


typedef struct {
    char msg[256];
} vpLsXmlError;

/* libxml2 hands some errors (encoding conversion, I/O) to the thread's
 * generic handler, printf-style, which prints on stderr: a library must
 * not.  The structured handler below gets them as well; this drops the
 * printf-style copy. */
static void
vpLsGenericError(void *data, const char *msg, ...)
{
    (void)data;
    (void)msg;
}

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

/* Reads the <domstatus> root's attributes.  Returns an error text or NULL. */
static const char *
vpLsStatusRoot(xmlTextReaderPtr reader, vpLsDomain *dom)
{
    char *state = vpLsAttr(reader, "state");
    char *reason = vpLsAttr(reader, "reason");
    char *pid = vpLsAttr(reader, "pid");
    const char *err = NULL;
    long long v;

    if (!state || (dom->state = vpLsStateIndex(state)) < 0) {
        err = "missing or unknown domain state";
    } else {
        dom->reason = 0;
        if (reason) {
            int r = vpLsReasonIndex(dom->state, reason);
            /* An unknown reason is not worth the domain. */
            dom->reason = r < 0 ? 0 : r;
        }
        dom->pid = 0;
        if (pid) {
            if (vpParseLongLong(pid, 0, INT_MAX, &v) == 0)
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

void
vpLsParseInit(void)
{
    xmlInitParser();
}

int
vpLsParse(const virtplugHost *host, int from, const char *buf, size_t len,
          const char *path, vpLsDocKind kind, const vpLsWant *want,
          vpLsDomain *dom)
{
    xmlTextReaderPtr reader;
    vpLsXmlError xerr = { { 0 } };
    const char *err = NULL;
    bool in_domain = false, done = false, seen_root = false, reuse = false;
    bool past_domain = false;   /* whole: the rest is only checked */
    int domain_depth = kind == VP_LS_DOC_STATUS ? 1 : 0;
    int rc = 0;
    xmlStructuredErrorFunc savedSerror = xmlStructuredError;
    void *savedSctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc savedGerror = xmlGenericError;
    void *savedGctx = xmlGenericErrorContext;
    /* A bad title costs the title (the caller keeps the domain). */
    const char *what = want->title ? "ignoring title and description in"
                                   : "ignoring";

    if (len > INT_MAX) {
        host->warn(from, "%s '%s': too large", what, path);
        return -1;
    }
    if (len == 0) {
        host->warn(from, "%s '%s': the file is empty", what, path);
        return -1;
    }
    reader = xmlReaderForMemory(buf, (int)len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    if (!reader) {
        host->warn(from, "%s '%s': out of memory", what, path);
        return -1;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, vpLsReaderError, &xerr);
    /* Errors raised outside the reader's context (encoding conversion)
     * go to the thread's handlers: collect them too, until we are done. */
    xmlSetStructuredErrorFunc(&xerr, vpLsReaderError);
    xmlSetGenericErrorFunc(NULL, vpLsGenericError);

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
            if (in_domain && depth == domain_depth) {
                if (!want->whole)
                    break;  /* end of <domain>: all there is was read */
                in_domain = false;
                past_domain = true;
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || !elem || past_domain)
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
                if (!id || vpParseLongLong(id, 1, INT_MAX, &v) < 0)
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
        if (dom->name && dom->have_uuid && !want->title && !want->whole)
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
    xmlSetStructuredErrorFunc(savedSctx, savedSerror);
    xmlSetGenericErrorFunc(savedGctx, savedGerror);

    if (err) {
        host->warn(from, "%s '%s': %s", what, path, err);
        return -1;
    }
    return 0;
}

