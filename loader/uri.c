/*
 * uri.c: connection URIs: scheme://[server]/path?name=value&...
 *
 * Only what virtplug needs: a local URI with an absolute path (or none) and
 * %-encoded query parameters.  Everything is decoded before a backend sees
 * it; a URI with a server part is refused (virtplug reads local state only).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errors.h"
#include "uri.h"
#include "vp-uuid.h"

/* Bounds on untrusted input. */
#define VP_URI_MAX_LEN 4096
#define VP_URI_MAX_PARAMS 64

/* A decoded copy of [s, s+len); NULL on a bad escape, an encoded NUL, or
 * out of memory (*oom set). */
static char *
vpURIDecode(const char *s, size_t len, bool *oom)
{
    char *out = malloc(len + 1);
    size_t i, j = 0;

    if (!out) {
        *oom = true;
        return NULL;
    }
    for (i = 0; i < len; i++) {
        if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= len)
                goto bad;
            if ((hi = vpHexDigitValue(s[i + 1])) < 0 ||
                (lo = vpHexDigitValue(s[i + 2])) < 0)
                goto bad;
            if (hi == 0 && lo == 0)
                goto bad;
            out[j++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = '\0';
    return out;

 bad:
    free(out);
    return NULL;
}

static bool
vpSchemeChar(char c, bool first)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' ||
                      c == '.');
}

void
vpURIClear(vpParsedURI *uri)
{
    size_t i;

    if (!uri)
        return;
    for (i = 0; i < uri->uri.nparams; i++) {
        free((char *)uri->params[i].name);
        free((char *)uri->params[i].value);
    }
    free(uri->params);
    free(uri->text);
    free(uri->scheme);
    free(uri->server);
    free(uri->path);
    memset(uri, 0, sizeof(*uri));
}

static int
vpURIParseQuery(vpParsedURI *out, const char *q, size_t qlen, bool *oom)
{
    const char *end = q + qlen;

    while (q < end) {
        const char *amp = memchr(q, '&', (size_t)(end - q));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(q, '=', (size_t)(stop - q));
        virtplugURIParam *param;

        if (stop == q) {
            q = stop + 1;
            continue;
        }
        if (out->uri.nparams >= VP_URI_MAX_PARAMS)
            return -1;
        param = &out->params[out->uri.nparams];
        param->name = vpURIDecode(q, (size_t)((eq ? eq : stop) - q), oom);
        param->value = eq ? vpURIDecode(eq + 1, (size_t)(stop - eq - 1), oom)
                          : strdup("");
        if (!eq && !param->value)
            *oom = true;
        out->uri.nparams++;
        if (!param->name || !param->value || !*param->name)
            return -1;
        q = amp ? amp + 1 : end;
    }
    return 0;
}

/* libvirt's aliases that we keep: xen, xen:// and xen:/// all mean the
 * libxl driver's system URI. */
static const char *
vpURIResolveAlias(const char *name)
{
    if (strcasecmp(name, "xen") == 0 || strcasecmp(name, "xen://") == 0 ||
        strcasecmp(name, "xen:///") == 0)
        return "xen:///system";
    return name;
}

int
vpURIParse(const char *name, vpParsedURI *out)
{
    const char *p, *colon, *rest, *query, *frag, *pathStart, *pathEnd;
    size_t i;
    bool oom = false;

    memset(out, 0, sizeof(*out));
    name = vpURIResolveAlias(name);
    if (strlen(name) > VP_URI_MAX_LEN) {
        vpErrorReport(VIR_FROM_URI, VIR_ERR_INVALID_ARG,
                      "URI is longer than %d bytes", VP_URI_MAX_LEN);
        return -1;
    }

    /* A scheme: letter, then letters, digits, '+', '-', '.'; then ':'. */
    if (!(colon = strchr(name, ':'))) {
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                      "URI '%s' does not include a driver name", name);
        return -1;
    }
    if (colon == name) {
        vpErrorReport(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR,
                      "Unable to parse URI %s", name);
        return -1;
    }
    for (p = name; p < colon; p++) {
        if (!vpSchemeChar(*p, p == name)) {
            vpErrorReport(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR,
                          "Unable to parse URI %s", name);
            return -1;
        }
    }
    for (p = name; *p; p++) {
        if ((unsigned char)*p <= ' ' || *p == 0x7f) {
            vpErrorReport(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR,
                          "Unable to parse URI %s", name);
            return -1;
        }
    }

    if (!(out->text = strdup(name)) ||
        !(out->scheme = strndup(name, (size_t)(colon - name))) ||
        !(out->params = calloc(VP_URI_MAX_PARAMS, sizeof(*out->params))))
        goto nomem;
    for (i = 0; out->scheme[i]; i++) {
        if (out->scheme[i] >= 'A' && out->scheme[i] <= 'Z')
            out->scheme[i] = (char)(out->scheme[i] - 'A' + 'a');
    }

    rest = colon + 1;
    frag = strchr(rest, '#');
    query = strchr(rest, '?');
    if (query && frag && frag < query)
        query = NULL;
    pathEnd = query ? query : frag ? frag : rest + strlen(rest);

    pathStart = rest;
    if (rest[0] == '/' && rest[1] == '/') {
        const char *auth = rest + 2;
        const char *authEnd = auth;
        while (authEnd < pathEnd && *authEnd != '/')
            authEnd++;
        if (authEnd > auth) {
            if (!(out->server = vpURIDecode(auth, (size_t)(authEnd - auth),
                                            &oom)))
                goto bad;
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                          "%s: virtplug reads local hosts only (remove the "
                          "server part '%s')", name, out->server);
            goto error;
        }
        pathStart = authEnd;
    }
    if (pathEnd > pathStart) {
        if (*pathStart != '/') {
            vpErrorReport(VIR_FROM_URI, VIR_ERR_INVALID_ARG,
                          "URI '%s' has a relative path; use %s:///PATH",
                          name, out->scheme);
            goto error;
        }
        if (!(out->path = vpURIDecode(pathStart,
                                      (size_t)(pathEnd - pathStart), &oom)))
            goto bad;
    }
    if (query) {
        const char *qEnd = frag && frag > query ? frag : query + strlen(query);
        if (vpURIParseQuery(out, query + 1, (size_t)(qEnd - query - 1),
                            &oom) < 0)
            goto bad;
    }

    /* Any backend that takes a root takes it as a directory to read a
     * host tree from; a relative one would depend on the caller's cwd. */
    for (i = 0; i < out->uri.nparams; i++) {
        if (strcmp(out->params[i].name, "root") == 0 &&
            out->params[i].value[0] != '/') {
            vpErrorReport(VIR_FROM_URI, VIR_ERR_INVALID_ARG,
                          "root path '%s' in URI '%s' must be absolute",
                          out->params[i].value, name);
            goto error;
        }
    }

    out->uri.uri = out->text;
    out->uri.scheme = out->scheme;
    out->uri.server = NULL;
    out->uri.path = out->path;
    out->uri.params = out->params;
    return 0;

 bad:
    if (oom)
        goto nomem;
    vpErrorReport(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR,
                  "Unable to parse URI %s", name);
    goto error;
 nomem:
    vpErrorReportOOM();
 error:
    vpURIClear(out);
    return -1;
}

const char *
vpURIParam(const virtplugURI *uri, const char *name)
{
    size_t i;

    if (!uri || !name)
        return NULL;
    /* The last occurrence wins, as with repeated command-line options. */
    for (i = uri->nparams; i > 0; i--) {
        if (strcmp(uri->params[i - 1].name, name) == 0)
            return uri->params[i - 1].value;
    }
    return NULL;
}
