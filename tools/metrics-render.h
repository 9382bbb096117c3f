/*
 * metrics-render.h: a vpMetricsSnapshot as Prometheus series (the table of
 * names is in docs/monitoring.md).
 */
#ifndef VIRTPLUG_TOOL_METRICS_RENDER_H
#define VIRTPLUG_TOOL_METRICS_RENDER_H

#include "metrics-collect.h"
#include "strbuf.h"

void vpMetricsRender(const vpMetricsSnapshot *snap, vpStrBuf *out);

/* libvirt's enum name of a state without its prefix, lower case
 * ("running", "shutoff", "pmsuspended"); "nostate" for unknown codes. */
const char *vpMetricsStateName(int state);

#endif /* VIRTPLUG_TOOL_METRICS_RENDER_H */
