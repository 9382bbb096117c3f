/*
 * landing-page.h: the exporter's page at "/": the inventory of one listing
 * as an HTML table (name, state, backend) and a link to the metrics.
 */
#ifndef VIRTPLUG_EXPORTER_LANDING_PAGE_H
#define VIRTPLUG_EXPORTER_LANDING_PAGE_H

#include "metrics-collect.h"
#include "strbuf.h"

void vpLandingPageRender(const vpMetricsSnapshot *snap,
                         const char *telemetry_path, vpStrBuf *out);

#endif /* VIRTPLUG_EXPORTER_LANDING_PAGE_H */
