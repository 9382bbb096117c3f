/*
 * vp-xml.c: parsing untrusted XML for backends, with libxml2.
 *
 * Each call uses its own parser context, so calls from several threads do
 * not share parser state.  libxml2 must never print to stderr from inside a
 * library, so for the duration of a parse this thread's libxml2 error
 * handlers (thread-local in a threaded libxml2) point at a collector and are
 * restored afterwards; the message reported is the parser's last error.
 *
 * Text helpers never expand entity references: a document is untrusted and
 * an unexpanded "&lol9;" must stay a few bytes, not a gigabyte.
 */
#include <config.h>

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <virtplug/vp-xml.h>

/* Options: no network, no messages of libxml2's own.  Deliberately absent:
 * XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD, XML_PARSE_DTDVALID,
 * XML_PARSE_XINCLUDE and XML_PARSE_HUGE (keeps the built-in limits). */
#define VP_XML_PARSE_OPTIONS \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Longest libxml2 message we repeat in a warning. */
#define VP_XML_MSG_MAX 200

static pthread_once_t vpXmlOnce = PTHREAD_ONCE_INIT;

static void
vpXmlInitOnce(void)
{
    xmlInitParser();
}

/* Receives libxml2's errors while we parse; keeps the first one in case the
 * context has none (errors raised outside the parser context). */
typedef struct {
    char msg[VP_XML_MSG_MAX + 1];
    int line;
} vpXmlErrors;

/* Copies the first line of msg, trimmed, into out (size VP_XML_MSG_MAX+1). */
static void
vpXmlFirstLine(const char *msg, char *out)
{
    size_t n = 0;

    out[0] = '\0';
    if (!msg)
        return;
    while (*msg == ' ' || *msg == '\t' || *msg == '\n' || *msg == '\r')
        msg++;
    while (msg[n] && msg[n] != '\n' && msg[n] != '\r' && n < VP_XML_MSG_MAX)
        n++;
    while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '\t'))
        n--;
    memcpy(out, msg, n);
    out[n] = '\0';
}

static void
vpXmlStructuredError(void *data, xmlErrorPtr err)
{
    vpXmlErrors *errs = data;

    if (!errs || !err || errs->msg[0] || err->level == XML_ERR_WARNING)
        return;
    vpXmlFirstLine(err->message, errs->msg);
    errs->line = err->line;
}

/* The parser context's own handler: the context keeps its last error for
 * us, so nothing needs doing here (its data is the context itself). */
static void
vpXmlQuietError(void *data, xmlErrorPtr err)
{
    (void)data;
    (void)err;
}

/* libxml2 calls generic handlers printf-style; we drop their text. */
static void
vpXmlGenericError(void *data, const char *msg, ...)
{
    (void)data;
    (void)msg;
}

xmlDocPtr
vpXmlParse(const virtplugHost *host, int from, const char *buf, size_t len,
           const char *filename)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc = NULL;
    vpXmlErrors errs = { .msg = "", .line = 0 };
    xmlStructuredErrorFunc savedSerror;
    void *savedSctx;
    xmlGenericErrorFunc savedGerror;
    void *savedGctx;
    char msg[VP_XML_MSG_MAX + 1] = "";
    int line = 0;

    if (!filename)
        filename = "(memory)";

    pthread_once(&vpXmlOnce, vpXmlInitOnce);

    if (!buf || len > INT_MAX) {
        if (host && host->warn)
            host->warn(from, "cannot parse XML file '%s': %s", filename,
                       buf ? "too large" : "no data");
        return NULL;
    }

    if ((ctxt = xmlNewParserCtxt()) == NULL) {
        if (host && host->warn)
            host->warn(from, "cannot parse XML file '%s': out of memory",
                       filename);
        return NULL;
    }
    /* A structured handler on the context takes precedence over the
     * thread's handlers for every parser error. */
    if (ctxt->sax) {
        ctxt->sax->initialized = XML_SAX2_MAGIC;
        ctxt->sax->serror = vpXmlQuietError;
    }

    /* Errors raised without a context (encoding conversion, I/O) go to the
     * thread's handlers: divert them too, and restore them afterwards. */
    savedSerror = xmlStructuredError;
    savedSctx = xmlStructuredErrorContext;
    savedGerror = xmlGenericError;
    savedGctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(&errs, vpXmlStructuredError);
    xmlSetGenericErrorFunc(NULL, vpXmlGenericError);

    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, filename, NULL,
                            VP_XML_PARSE_OPTIONS);

    xmlSetStructuredErrorFunc(savedSctx, savedSerror);
    xmlSetGenericErrorFunc(savedGctx, savedGerror);

    if (!doc || !ctxt->wellFormed) {
        xmlErrorPtr last = xmlCtxtGetLastError(ctxt);

        if (last && last->message) {
            vpXmlFirstLine(last->message, msg);
            line = last->line;
        }
        if (!msg[0] && errs.msg[0]) {
            memcpy(msg, errs.msg, sizeof(msg));
            line = errs.line;
        }
        if (!msg[0])
            strcpy(msg, len == 0 ? "Document is empty" : "unknown error");
        if (doc) {
            xmlFreeDoc(doc);
            doc = NULL;
        }
    } else if (!xmlDocGetRootElement(doc)) {
        strcpy(msg, "Document is empty");
        xmlFreeDoc(doc);
        doc = NULL;
    }

    xmlFreeParserCtxt(ctxt);

    /* "FILE:LINE: MESSAGE", the first line of libvirt's own message. */
    if (!doc && host && host->warn) {
        if (line > 0)
            host->warn(from, "%s:%d: %s", filename, line, msg);
        else
            host->warn(from, "%s: %s", filename, msg);
    }
    return doc;
}

static bool
vpXmlIsElement(xmlNodePtr node, const char *ns_href, bool any_ns,
               const char *name)
{
    if (!node || node->type != XML_ELEMENT_NODE || !node->name)
        return false;
    if (strcmp((const char *)node->name, name) != 0)
        return false;
    if (any_ns)
        return true;
    if (!ns_href)
        return node->ns == NULL || node->ns->href == NULL;
    return node->ns && node->ns->href &&
           strcmp((const char *)node->ns->href, ns_href) == 0;
}

/* Like libvirt's XPath "./name": an element in no namespace.  (libvirt's
 * domain XML has no default namespace; a namespaced element of the same
 * local name, e.g. inside <metadata>, is somebody else's.) */
xmlNodePtr
vpXmlChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    if (!node || !name)
        return NULL;
    for (cur = node->children; cur; cur = cur->next) {
        if (vpXmlIsElement(cur, NULL, false, name))
            return cur;
    }
    return NULL;
}

xmlNodePtr
vpXmlChildNs(xmlNodePtr node, const char *ns_href, const char *name)
{
    xmlNodePtr cur;

    if (!node || !name || !ns_href)
        return NULL;
    for (cur = node->children; cur; cur = cur->next) {
        if (vpXmlIsElement(cur, ns_href, false, name))
            return cur;
    }
    return NULL;
}

/* Appends the text and CDATA of node's descendants to buf.  Entity
 * references are skipped, never expanded.  Returns -1 on allocation
 * failure. */
static int
vpXmlAppendText(xmlNodePtr node, char **buf, size_t *len, size_t *alloc)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            size_t n;

            if (!cur->content)
                continue;
            n = strlen((const char *)cur->content);
            if (*len + n + 1 > *alloc) {
                size_t want = (*len + n + 1) * 2;
                char *bigger = realloc(*buf, want);
                if (!bigger)
                    return -1;
                *buf = bigger;
                *alloc = want;
            }
            memcpy(*buf + *len, cur->content, n);
            *len += n;
            (*buf)[*len] = '\0';
        } else if (cur->type == XML_ELEMENT_NODE) {
            /* Depth is bounded by the parser's own limit (256). */
            if (vpXmlAppendText(cur, buf, len, alloc) < 0)
                return -1;
        }
    }
    return 0;
}

static bool
vpXmlIsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *
vpXmlNodeText(xmlNodePtr node)
{
    char *buf = NULL;
    size_t len = 0, alloc = 0;

    if (!node)
        return NULL;
    if (vpXmlAppendText(node, &buf, &len, &alloc) < 0) {
        free(buf);
        return NULL;
    }
    return buf ? buf : strdup("");
}

char *
vpXmlChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = vpXmlChild(node, name);
    char *buf = NULL;
    size_t len = 0, alloc = 0, start = 0;

    if (!child)
        return NULL;
    if (vpXmlAppendText(child, &buf, &len, &alloc) < 0) {
        free(buf);
        return NULL;
    }
    if (!buf)
        return strdup("");
    while (len > 0 && vpXmlIsSpace(buf[len - 1]))
        buf[--len] = '\0';
    while (start < len && vpXmlIsSpace(buf[start]))
        start++;
    if (start > 0)
        memmove(buf, buf + start, len - start + 1);
    return buf;
}

char *
vpXmlProp(xmlNodePtr node, const char *name)
{
    xmlAttrPtr attr;
    char *buf = NULL;
    size_t len = 0, alloc = 0;

    if (!node || !name || node->type != XML_ELEMENT_NODE)
        return NULL;
    /* xmlGetNoNsProp() would expand entity references in the value. */
    if ((attr = xmlHasNsProp(node, (const xmlChar *)name, NULL)) == NULL ||
        attr->type != XML_ATTRIBUTE_NODE)
        return NULL;
    if (vpXmlAppendText((xmlNodePtr)attr, &buf, &len, &alloc) < 0) {
        free(buf);
        return NULL;
    }
    return buf ? buf : strdup("");
}
