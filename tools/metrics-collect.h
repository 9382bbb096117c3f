/*
 * metrics-collect.h: one inventory snapshot of one or more connection
 * URIs, the data behind `virtplug metrics` and virtplug-exporter's pages.
 *
 * A query the backend cannot answer (VIR_ERR_NO_SUPPORT: snapshots on Xen,
 * for example) or that failed is recorded as unknown (-1), never guessed;
 * a group unknown for every domain of a URI is left out of the output.
 */
#ifndef VIRTPLUG_TOOL_METRICS_COLLECT_H
#define VIRTPLUG_TOOL_METRICS_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug.h>

typedef struct {
    char *name;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int id;                 /* -1 when inactive */
    int state;              /* virDomainState; -1 if it could not be read */
    int reason;
    int persistent;         /* 0/1, -1 unknown */
    int autostart;
    int managed_save;
    int snapshots;          /* count, -1 unknown */
    int checkpoints;
} vpMetricsDomain;

typedef struct {
    char *uri;              /* as given */
    char *backend;          /* backend (module) name, or the URI scheme */
    bool up;                /* the connection opened and the listing worked */
    char *error;            /* why not, when !up */
    double seconds;         /* wall time of open + listing + queries */
    unsigned int unreadable;/* warnings during the listing (files or
                             * monitors skipped or not answering) plus
                             * domains whose state query failed */
    vpMetricsDomain *doms;
    size_t ndoms;
} vpMetricsHost;

typedef struct {
    vpMetricsHost *hosts;
    size_t nhosts;
} vpMetricsSnapshot;

/* Lists every URI (none given: every backend whose probe finds its
 * hypervisor, see virtplugProbeURIs).  Never fails as a whole: a URI that
 * cannot be listed is a host with up == false.  Returns -1 only when out of
 * memory.  Installs its own error handler while it runs; call it from one
 * thread at a time. */
int vpMetricsCollect(const char *const *uris, size_t nuris,
                     vpMetricsSnapshot *snap);
void vpMetricsFree(vpMetricsSnapshot *snap);

#endif /* VIRTPLUG_TOOL_METRICS_COLLECT_H */
