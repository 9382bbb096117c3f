/*
 * scrape-cache.h: the exporter's listings.  One collector thread lists the
 * URIs whenever a request asks for it; every request that arrives while a
 * listing is in flight is answered by that listing, so N concurrent
 * scrapes cost one listing, and a listing is never older than the request
 * it answers by more than one listing's time.  Listings are bounded by the
 * backends' own deadlines (the QMP deadline), never by a client.
 */
#ifndef VIRTPLUG_EXPORTER_SCRAPE_CACHE_H
#define VIRTPLUG_EXPORTER_SCRAPE_CACHE_H

#include <stdatomic.h>
#include <stddef.h>

/* What one listing produced; shared by the requests it answers, released
 * with vpScrapeResultUnref. */
typedef struct {
    atomic_uint refs;
    char *metrics;              /* the exposition text */
    size_t metrics_len;
    char *page;                 /* the landing page */
    size_t page_len;
} vpScrapeResult;

typedef struct _vpScrapeCache vpScrapeCache;

/* Called from the collector thread when the listing is ready, res
 * referenced for the callee; NULL when the cache is shutting down or out
 * of memory. */
typedef void (*vpScrapeDone)(void *opaque, vpScrapeResult *res);

/* uris are copied; none means every backend whose probe finds its
 * hypervisor.  telemetry_path is linked from the landing page. */
vpScrapeCache *vpScrapeCacheNew(const char *const *uris, size_t nuris,
                                const char *telemetry_path);
/* Queues a request; done runs exactly once, from the collector thread (or
 * from this call when the cache is stopping). */
void vpScrapeCacheRequest(vpScrapeCache *c, vpScrapeDone done, void *opaque);
/* Thread-safe; independent of the cache's life. */
void vpScrapeResultUnref(vpScrapeResult *res);
/* Answers every queued request (with one last listing) and joins the
 * thread; later requests are answered at once with NULL. */
void vpScrapeCacheStop(vpScrapeCache *c);
/* Stops the cache if needed and frees it. */
void vpScrapeCacheFree(vpScrapeCache *c);

#endif /* VIRTPLUG_EXPORTER_SCRAPE_CACHE_H */
