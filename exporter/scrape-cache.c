/*
 * scrape-cache.c: one collector thread, requests that join the listing in
 * flight (see scrape-cache.h).
 */
#include <config.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "landing-page.h"
#include "metrics-collect.h"
#include "metrics-render.h"
#include "scrape-cache.h"
#include "strbuf.h"

typedef struct _vpWaiter vpWaiter;
struct _vpWaiter {
    vpScrapeDone done;
    void *opaque;
    vpWaiter *next;
};

struct _vpScrapeCache {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool stopping;
    bool joined;
    vpWaiter *queued;           /* waiting for the next listing */
    char **uris;
    size_t nuris;
    char *telemetry_path;
};

static void
resultFree(vpScrapeResult *res)
{
    free(res->metrics);
    free(res->page);
    free(res);
}

void
vpScrapeResultUnref(vpScrapeResult *res)
{
    if (res && atomic_fetch_sub(&res->refs, 1) == 1)
        resultFree(res);
}

static vpScrapeResult *
listOnce(vpScrapeCache *c)
{
    vpMetricsSnapshot snap;
    vpStrBuf metrics = VP_STRBUF_INIT, page = VP_STRBUF_INIT;
    vpScrapeResult *res = calloc(1, sizeof(*res));

    if (!res)
        return NULL;
    if (vpMetricsCollect((const char *const *)c->uris, c->nuris, &snap) < 0) {
        free(res);
        return NULL;
    }
    vpMetricsRender(&snap, &metrics);
    vpLandingPageRender(&snap, c->telemetry_path, &page);
    vpMetricsFree(&snap);
    res->metrics_len = metrics.len;
    res->page_len = page.len;
    res->metrics = vpStrBufSteal(&metrics);
    res->page = vpStrBufSteal(&page);
    if (!res->metrics || !res->page) {
        resultFree(res);
        return NULL;
    }
    return res;
}

static void *
collector(void *opaque)
{
    vpScrapeCache *c = opaque;

    pthread_mutex_lock(&c->lock);
    for (;;) {
        vpWaiter *batch, *w;
        vpScrapeResult *res;

        while (!c->queued && !c->stopping)
            pthread_cond_wait(&c->wake, &c->lock);
        if (!c->queued)
            break;
        /* Everything queued so far is answered by this listing; requests
         * that arrive while it runs queue for the next one. */
        batch = c->queued;
        c->queued = NULL;
        pthread_mutex_unlock(&c->lock);

        res = listOnce(c);

        for (w = batch; w && res; w = w->next)
            atomic_fetch_add(&res->refs, 1);
        while (batch) {
            w = batch;
            batch = w->next;
            w->done(w->opaque, res);
            free(w);
        }
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

vpScrapeCache *
vpScrapeCacheNew(const char *const *uris, size_t nuris,
                 const char *telemetry_path)
{
    vpScrapeCache *c = calloc(1, sizeof(*c));
    size_t i;

    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (!(c->uris = calloc(nuris + 1, sizeof(*c->uris))) ||
        !(c->telemetry_path = strdup(telemetry_path)))
        goto error;
    for (i = 0; i < nuris; i++) {
        if (!(c->uris[i] = strdup(uris[i])))
            goto error;
        c->nuris++;
    }
    if (pthread_create(&c->thread, NULL, collector, c) != 0)
        goto error;
    return c;

 error:
    for (i = 0; c->uris && i < c->nuris; i++)
        free(c->uris[i]);
    free(c->uris);
    free(c->telemetry_path);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    free(c);
    return NULL;
}

void
vpScrapeCacheRequest(vpScrapeCache *c, vpScrapeDone done, void *opaque)
{
    vpWaiter *w = malloc(sizeof(*w));

    pthread_mutex_lock(&c->lock);
    if (!w || c->stopping) {
        pthread_mutex_unlock(&c->lock);
        free(w);
        done(opaque, NULL);
        return;
    }
    w->done = done;
    w->opaque = opaque;
    w->next = c->queued;
    c->queued = w;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
}

void
vpScrapeCacheStop(vpScrapeCache *c)
{
    if (c->joined)
        return;
    pthread_mutex_lock(&c->lock);
    c->stopping = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    /* the thread answers what is queued before it stops */
    pthread_join(c->thread, NULL);
    c->joined = true;
}

void
vpScrapeCacheFree(vpScrapeCache *c)
{
    size_t i;

    if (!c)
        return;
    vpScrapeCacheStop(c);
    for (i = 0; i < c->nuris; i++)
        free(c->uris[i]);
    free(c->uris);
    free(c->telemetry_path);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    free(c);
}
