/*
 * metrics-render.c: the series of `virtplug metrics`.  Each metric name's
 * samples are written together, as the format requires; a per-domain value
 * the backend could not tell has no sample, and a name without samples is
 * left out entirely.
 */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "metrics-render.h"
#include "prom-writer.h"

static const char *const stateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
    "crashed", "pmsuspended",
};
#define NSTATES (sizeof(stateNames) / sizeof(stateNames[0]))

const char *
vpMetricsStateName(int state)
{
    return state >= 0 && (size_t)state < NSTATES ? stateNames[state] :
        stateNames[0];
}

/* Which per-domain value a family shows. */
typedef enum {
    FIELD_INFO, FIELD_STATE, FIELD_REASON, FIELD_PERSISTENT, FIELD_AUTOSTART,
    FIELD_MANAGED_SAVE, FIELD_SNAPSHOTS, FIELD_CHECKPOINTS,
} domField;

static const struct {
    domField field;
    const char *name;
    const char *help;
} domFamilies[] = {
    { FIELD_INFO, "virtplug_domain_info",
      "Domain identity: one series per listed domain, value 1." },
    { FIELD_STATE, "virtplug_domain_state",
      "Domain state as libvirt's virDomainState code (0 nostate, 1 running, "
      "2 blocked, 3 paused, 4 shutdown, 5 shutoff, 6 crashed, 7 pmsuspended)." },
    { FIELD_REASON, "virtplug_domain_state_reason",
      "Reason for the domain state, libvirt's per-state reason code." },
    { FIELD_PERSISTENT, "virtplug_domain_persistent",
      "1 if the domain has a persistent configuration, 0 if transient." },
    { FIELD_AUTOSTART, "virtplug_domain_autostart",
      "1 if the domain starts when the host boots." },
    { FIELD_MANAGED_SAVE, "virtplug_domain_managed_save",
      "1 if the domain has a managed save image." },
    { FIELD_SNAPSHOTS, "virtplug_domain_snapshots",
      "Number of snapshots of the domain." },
    { FIELD_CHECKPOINTS, "virtplug_domain_checkpoints",
      "Number of checkpoints of the domain." },
};

static int
domValue(const vpMetricsDomain *d, domField f)
{
    switch (f) {
    case FIELD_INFO: return 1;
    case FIELD_STATE: return d->state;
    case FIELD_REASON: return d->state < 0 ? -1 : d->reason;
    case FIELD_PERSISTENT: return d->persistent;
    case FIELD_AUTOSTART: return d->autostart;
    case FIELD_MANAGED_SAVE: return d->managed_save;
    case FIELD_SNAPSHOTS: return d->snapshots;
    case FIELD_CHECKPOINTS: return d->checkpoints;
    }
    return -1;
}

static void
freeLabels(char **labels)
{
    size_t i;

    for (i = 0; labels && labels[i]; i++)
        free(labels[i]);
    free(labels);
}

/* uri, name and uuid of every domain, escaped once for all families. */
static char **
domainLabels(const vpMetricsSnapshot *snap)
{
    size_t h, i, k = 0, n = 0;
    char **labels;

    for (h = 0; h < snap->nhosts; h++)
        n += snap->hosts[h].ndoms;
    if (!(labels = calloc(n + 1, sizeof(*labels))))
        return NULL;
    for (h = 0; h < snap->nhosts; h++) {
        for (i = 0; i < snap->hosts[h].ndoms; i++) {
            vpStrBuf buf = VP_STRBUF_INIT;
            vpPromWriter lw;
            char *s;

            vpPromInit(&lw, &buf);
            vpPromLabel(&lw, "uri", snap->hosts[h].uri);
            vpPromLabel(&lw, "name", snap->hosts[h].doms[i].name);
            vpPromLabel(&lw, "uuid", snap->hosts[h].doms[i].uuid);
            if (!(s = vpStrBufSteal(&buf))) {
                freeLabels(labels);
                return NULL;
            }
            labels[k++] = s;
        }
    }
    return labels;
}


static void
renderDomainFamily(vpPromWriter *w, const vpMetricsSnapshot *snap, size_t fam,
                   char **labels)
{
    domField f = domFamilies[fam].field;
    bool any = false;
    size_t h, i, k = 0;

    for (h = 0; h < snap->nhosts; h++) {
        const vpMetricsHost *host = &snap->hosts[h];

        for (i = 0; i < host->ndoms; i++, k++) {
            const vpMetricsDomain *d = &host->doms[i];
            int v = domValue(d, f);

            if (v < 0)
                continue;
            if (!any)
                vpPromFamily(w, domFamilies[fam].name, "gauge",
                             domFamilies[fam].help);
            any = true;
            vpPromSampleBegin(w, domFamilies[fam].name);
            if (f == FIELD_INFO)
                vpPromLabel(w, "backend", host->backend);
            vpPromLabelsRaw(w, labels[k] + 1);   /* past its '{' */
            vpPromSampleEnd(w, v);
        }
    }
}

static void
hostLabels(vpPromWriter *w, const char *name, const vpMetricsHost *host)
{
    vpPromSampleBegin(w, name);
    vpPromLabel(w, "uri", host->uri);
    vpPromLabel(w, "backend", host->backend);
}

static void
renderHostFamilies(vpPromWriter *w, const vpMetricsSnapshot *snap)
{
    size_t h, s, i;

    vpPromFamily(w, "virtplug_up", "gauge",
                 "1 if the URI was opened and its domains listed, else 0.");
    for (h = 0; h < snap->nhosts; h++) {
        hostLabels(w, "virtplug_up", &snap->hosts[h]);
        vpPromSampleEnd(w, snap->hosts[h].up ? 1 : 0);
    }
    vpPromFamily(w, "virtplug_domains", "gauge",
                 "Number of listed domains by state.");
    for (h = 0; h < snap->nhosts; h++) {
        const vpMetricsHost *host = &snap->hosts[h];
        unsigned int count[NSTATES] = { 0 };

        if (!host->up)
            continue;
        for (i = 0; i < host->ndoms; i++)
            if (host->doms[i].state >= 0 && (size_t)host->doms[i].state < NSTATES)
                count[host->doms[i].state]++;
        for (s = 0; s < NSTATES; s++) {
            hostLabels(w, "virtplug_domains", host);
            vpPromLabel(w, "state", stateNames[s]);
            vpPromSampleEnd(w, count[s]);
        }
    }
    vpPromFamily(w, "virtplug_domains_unreadable", "gauge",
                 "Domains or state files whose state could not be read in "
                 "this listing (busy or silent monitors, unreadable files).");
    for (h = 0; h < snap->nhosts; h++) {
        hostLabels(w, "virtplug_domains_unreadable", &snap->hosts[h]);
        vpPromSampleEnd(w, snap->hosts[h].unreadable);
    }
    vpPromFamily(w, "virtplug_listing_duration_seconds", "gauge",
                 "Time taken to open the URI, list its domains and query "
                 "each of them.");
    for (h = 0; h < snap->nhosts; h++) {
        hostLabels(w, "virtplug_listing_duration_seconds", &snap->hosts[h]);
        vpPromSampleEnd(w, snap->hosts[h].seconds);
    }
}

void
vpMetricsRender(const vpMetricsSnapshot *snap, vpStrBuf *out)
{
    vpPromWriter w;
    char **labels;
    size_t fam;

    vpPromInit(&w, out);
    if (snap->nhosts == 0)
        return;
    if (!(labels = domainLabels(snap))) {
        out->oom = true;
        return;
    }
    renderHostFamilies(&w, snap);
    for (fam = 0; fam < sizeof(domFamilies) / sizeof(domFamilies[0]); fam++)
        renderDomainFamily(&w, snap, fam, labels);
    freeLabels(labels);
}
