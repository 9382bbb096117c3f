/*
 * landing-page.c: the inventory page.  Host text (names, URIs, errors) is
 * HTML-escaped and made valid UTF-8 the way the exposition is (invalid
 * sequences become U+FFFD), so the page shows what the metrics carry.
 * States are virsh's words, as `virtplug list` prints them.
 */
#include <config.h>

#include "domain-strings.h"
#include "landing-page.h"
#include "prom-writer.h"

static void
escapeHtmlChar(vpStrBuf *out, char c)
{
    switch (c) {
    case '&': vpStrBufAdd(out, "&amp;"); break;
    case '<': vpStrBufAdd(out, "&lt;"); break;
    case '>': vpStrBufAdd(out, "&gt;"); break;
    case '"': vpStrBufAdd(out, "&quot;"); break;
    case '\'': vpStrBufAdd(out, "&#39;"); break;
    default: vpStrBufAddChar(out, c);
    }
}

static void
addText(vpStrBuf *out, const char *s)
{
    vpAddValidUTF8(out, s ? s : "", "&<>\"'", escapeHtmlChar);
}

static void
cell(vpStrBuf *out, const char *s)
{
    vpStrBufAdd(out, "<td>");
    addText(out, s);
    vpStrBufAdd(out, "</td>");
}

void
vpLandingPageRender(const vpMetricsSnapshot *snap,
                    const char *telemetry_path, vpStrBuf *out)
{
    size_t h, i;

    vpStrBufAdd(out,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>virtplug exporter</title></head>\n<body>\n"
                "<h1>virtplug exporter</h1>\n<p><a id=\"metrics\" href=\"");
    addText(out, telemetry_path);
    vpStrBufAdd(out, "\">Metrics</a></p>\n<ul id=\"uris\">\n");
    for (h = 0; h < snap->nhosts; h++) {
        const vpMetricsHost *host = &snap->hosts[h];

        vpStrBufAdd(out, "<li>");
        addText(out, host->uri);
        if (!host->up) {
            vpStrBufAdd(out, ": down: ");
            addText(out, host->error);
        }
        vpStrBufAdd(out, "</li>\n");
    }
    vpStrBufAdd(out, "</ul>\n<table id=\"inventory\">\n<thead><tr><th>Name</th>"
                "<th>State</th><th>Backend</th></tr></thead>\n<tbody>\n");
    for (h = 0; h < snap->nhosts; h++) {
        const vpMetricsHost *host = &snap->hosts[h];

        for (i = 0; i < host->ndoms; i++) {
            const vpMetricsDomain *d = &host->doms[i];

            vpStrBufAdd(out, "<tr>");
            cell(out, d->name);
            cell(out, d->state < 0 ? "unknown" : vpStateString(d->state));
            cell(out, host->backend);
            vpStrBufAdd(out, "</tr>\n");
        }
    }
    vpStrBufAdd(out, "</tbody>\n</table>\n</body></html>\n");
}
