/*
 * metrics-collect.c: listing every URI once and querying each domain (see
 * metrics-collect.h).
 */
#include <config.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/virtplug-backends.h>

#include "metrics-collect.h"

/* Warnings the library reported since the last reset: each one is a file
 * or monitor a listing skipped or could not get an answer from. */
static atomic_uint warnings;

static void
countWarnings(void *opaque, virErrorPtr err)
{
    (void)opaque;
    if (err && err->level == VIR_ERR_WARNING)
        atomic_fetch_add(&warnings, 1);
}

static double
nowSeconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The installed backend that serves uri's scheme, or NULL. */
static const virtplugBackendInfo *
backendOf(const char *uri, const virtplugBackendInfo *info, int ninfo)
{
    size_t len = strcspn(uri, ":+");
    int i;
    size_t s;

    for (i = 0; i < ninfo; i++) {
        if (!info[i].name || !info[i].schemes)
            continue;
        for (s = 0; info[i].schemes[s]; s++) {
            if (strlen(info[i].schemes[s]) == len &&
                strncmp(info[i].schemes[s], uri, len) == 0)
                return &info[i];
        }
    }
    return NULL;
}

/* Listing flags that select every domain yet make the backend compute
 * each group it can tell apart in the listing's own scan (both bits of a
 * group match everything), so the per-domain queries below are answered
 * from the handles instead of one file lookup each.  A group the backend
 * cannot tell is left out: asking for it would fail the listing. */
static unsigned int
listFlags(const virtplugBackendInfo *b)
{
    static const virtplugFilterGroup groups[] = {
        VIRTPLUG_FILTER_GROUPS(VIRTPLUG_FILTER_GROUP_ROW)
    };
    /* The groups whose flags the listing may pass on to the backend. */
    const unsigned int passed = VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_MANAGEDSAVE | VIRTPLUG_ATTR_AUTOSTART |
        VIRTPLUG_ATTR_SNAPSHOT | VIRTPLUG_ATTR_CHECKPOINT;
    unsigned int flags = 0;
    size_t i;

    for (i = 0; b && i < sizeof(groups) / sizeof(groups[0]); i++)
        if (b->groups & passed & groups[i].attr)
            flags |= groups[i].flags;
    return flags;
}

/* A yes/no query: 0 or 1, -1 when the backend cannot tell. */
static int
boolQuery(int rc)
{
    virResetLastError();
    return rc < 0 ? -1 : rc > 0;
}

static int
countQuery(int rc)
{
    virResetLastError();
    return rc < 0 ? -1 : rc;
}

static int
collectDomain(vpMetricsHost *host, virDomainPtr dom, vpMetricsDomain *d)
{
    unsigned int id = virDomainGetID(dom);
    int autostart;

    if (!(d->name = strdup(virDomainGetName(dom))))
        return -1;
    if (virDomainGetUUIDString(dom, d->uuid) < 0)
        d->uuid[0] = '\0';
    d->id = id == (unsigned int)-1 ? -1 : (int)id;
    if (virDomainGetState(dom, &d->state, &d->reason, 0) < 0) {
        d->state = -1;
        d->reason = 0;
        host->unreadable++;
    }
    virResetLastError();
    d->persistent = boolQuery(virDomainIsPersistent(dom));
    d->autostart = boolQuery(virDomainGetAutostart(dom, &autostart) < 0 ?
                             -1 : autostart);
    d->managed_save = boolQuery(virDomainHasManagedSaveImage(dom, 0));
    d->snapshots = countQuery(virDomainSnapshotNum(dom, 0));
    d->checkpoints = countQuery(virDomainListAllCheckpoints(dom, NULL, 0));
    return 0;
}

static char *
lastErrorText(const char *what)
{
    const char *msg = virGetLastErrorMessage();
    size_t len = strlen(what) + strlen(msg) + 3;
    char *s = malloc(len);

    if (s)
        snprintf(s, len, "%s: %s", what, msg);
    virResetLastError();
    return s;
}

static int
collectHost(vpMetricsHost *host, const virtplugBackendInfo *info, int ninfo)
{
    double start = nowSeconds();
    const virtplugBackendInfo *b = backendOf(host->uri, info, ninfo);
    virConnectPtr conn;
    virDomainPtr *doms = NULL;
    int n, i;
    int rc = 0;

    atomic_store(&warnings, 0);
    host->backend = b ? strdup(b->name) :
        strndup(host->uri, strcspn(host->uri, ":+"));
    if (!host->backend)
        return -1;
    if (!(conn = virConnectOpenReadOnly(host->uri))) {
        host->error = lastErrorText("failed to connect");
        goto done;
    }
    if ((n = virConnectListAllDomains(conn, &doms, listFlags(b))) < 0) {
        host->error = lastErrorText("failed to list domains");
        virConnectClose(conn);
        goto done;
    }
    host->up = true;
    if (n > 0 && !(host->doms = calloc((size_t)n, sizeof(*host->doms))))
        rc = -1;
    for (i = 0; i < n; i++) {
        if (rc == 0 && collectDomain(host, doms[i], &host->doms[host->ndoms]) == 0)
            host->ndoms++;
        else
            rc = -1;
        virDomainFree(doms[i]);
    }
    free(doms);
    virConnectClose(conn);

 done:
    host->unreadable += atomic_load(&warnings);
    host->seconds = nowSeconds() - start;
    return rc;
}

int
vpMetricsCollect(const char *const *uris, size_t nuris,
                 vpMetricsSnapshot *snap)
{
    virtplugBackendInfo *info = NULL;
    char **probed = NULL;
    int ninfo, nprobed = 0;
    size_t i;
    int rc = 0;

    memset(snap, 0, sizeof(*snap));
    virSetErrorFunc(NULL, countWarnings);
    if ((ninfo = virtplugGetBackends(&info)) < 0)
        ninfo = 0;
    virResetLastError();
    if (nuris == 0) {
        if ((nprobed = virtplugProbeURIs(&probed)) < 0)
            nprobed = 0;
        virResetLastError();
        uris = (const char *const *)probed;
        nuris = (size_t)nprobed;
    }
    if (nuris && !(snap->hosts = calloc(nuris, sizeof(*snap->hosts)))) {
        rc = -1;
        goto out;
    }
    for (i = 0; i < nuris; i++) {
        vpMetricsHost *host = &snap->hosts[snap->nhosts];

        if (!(host->uri = strdup(uris[i]))) {
            rc = -1;
            break;
        }
        snap->nhosts++;
        if (collectHost(host, info, ninfo) < 0) {
            rc = -1;
            break;
        }
    }

 out:
    for (i = 0; probed && probed[i]; i++)
        free(probed[i]);
    free(probed);
    virtplugFreeBackends(info, ninfo);
    if (rc < 0)
        vpMetricsFree(snap);
    return rc;
}

void
vpMetricsFree(vpMetricsSnapshot *snap)
{
    size_t h, d;

    for (h = 0; h < snap->nhosts; h++) {
        vpMetricsHost *host = &snap->hosts[h];

        for (d = 0; d < host->ndoms; d++)
            free(host->doms[d].name);
        free(host->doms);
        free(host->uri);
        free(host->backend);
        free(host->error);
    }
    free(snap->hosts);
    memset(snap, 0, sizeof(*snap));
}
