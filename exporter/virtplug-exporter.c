/*
 * virtplug-exporter.c: a Prometheus exporter for one host's domains.
 *
 *   virtplug-exporter [--web.listen-address=ADDR] [--web.telemetry-path=PATH]
 *                     [--web.max-connections=N] [--web.timeout=SECONDS]
 *                     [-c URI]...
 *
 * GET telemetry-path: the series of `virtplug metrics`; GET /: the
 * inventory page; anything else 404 (other methods 405).  Nothing is ever
 * written to the host.
 *
 * One libmicrohttpd thread polls every connection; it never waits for a
 * client or a listing.  A request for a page is suspended until the
 * collector thread (scrape-cache.c) has a listing for it, then resumed: a
 * client that connects and sends nothing, or sends slowly, costs one
 * connection slot until the idle timeout and holds nothing else.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include <virtplug/vp-parse.h>
#include "prom-writer.h"
#include "scrape-cache.h"

#define DEFAULT_LISTEN "127.0.0.1:9178"
#define DEFAULT_PATH "/metrics"

typedef struct {
    struct MHD_Daemon *daemon;
    vpScrapeCache *cache;
    const char *telemetry_path;
} vpExporter;

/* One request for a page, from its first callback to its completion. */
typedef struct {
    vpExporter *ex;
    struct MHD_Connection *conn;
    bool metrics;               /* else the landing page */
    bool asked;                 /* suspended, waiting for a listing */
    bool answered;              /* the listing (or NULL) arrived */
    vpScrapeResult *res;
} vpRequest;

static void
releaseResult(void *cls)
{
    vpScrapeResultUnref(cls);
}

/* From the collector thread. */
static void
listingDone(void *opaque, vpScrapeResult *res)
{
    vpRequest *req = opaque;

    req->res = res;
    req->answered = true;
    MHD_resume_connection(req->conn);
}

static enum MHD_Result
queueText(struct MHD_Connection *conn, unsigned int status, const char *text,
          const char *type)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;

    resp = MHD_create_response_from_buffer(strlen(text), (void *)text,
                                           MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result
queueResult(vpRequest *req)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    vpScrapeResult *res = req->res;

    if (!res)
        return queueText(req->conn, MHD_HTTP_SERVICE_UNAVAILABLE,
                         "listing failed\n", "text/plain; charset=utf-8");
    /* the response takes the request's reference to the shared result */
    resp = MHD_create_response_from_buffer_with_free_callback_cls(
        req->metrics ? res->metrics_len : res->page_len,
        req->metrics ? res->metrics : res->page, releaseResult, res);
    if (!resp)
        return MHD_NO;
    req->res = NULL;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            req->metrics ? VP_PROM_CONTENT_TYPE :
                            "text/html; charset=utf-8");
    ret = MHD_queue_response(req->conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url,
       const char *method, const char *version, const char *upload_data,
       size_t *upload_data_size, void **req_cls)
{
    vpExporter *ex = cls;
    vpRequest *req = *req_cls;

    (void)version;
    (void)upload_data;
    if (!req) {
        bool metrics = strcmp(url, ex->telemetry_path) == 0;

        if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
            strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
            return queueText(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
                             "method not allowed\n",
                             "text/plain; charset=utf-8");
        if (!metrics && strcmp(url, "/") != 0)
            return queueText(conn, MHD_HTTP_NOT_FOUND, "not found\n",
                             "text/plain; charset=utf-8");
        if (!(req = calloc(1, sizeof(*req))))
            return MHD_NO;
        req->ex = ex;
        req->conn = conn;
        req->metrics = metrics;
        *req_cls = req;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;  /* a body on a GET is read and ignored */
        return MHD_YES;
    }
    if (!req->asked) {
        /* Suspend before asking: the resume cannot overtake it, since it
         * is handled by this thread only after this callback returns. */
        req->asked = true;
        MHD_suspend_connection(conn);
        vpScrapeCacheRequest(ex->cache, listingDone, req);
        return MHD_YES;
    }
    if (!req->answered)
        return MHD_YES;
    return queueResult(req);
}

static void
completed(void *cls, struct MHD_Connection *conn, void **req_cls,
          enum MHD_RequestTerminationCode toe)
{
    vpRequest *req = *req_cls;

    (void)cls;
    (void)conn;
    (void)toe;
    if (!req)
        return;
    vpScrapeResultUnref(req->res);   /* when no response took it */
    free(req);
    *req_cls = NULL;
}

static void
usage(FILE *out)
{
    fprintf(out,
            "Usage: virtplug-exporter [OPTIONS] [-c URI]...\n"
            "  -c, --connect URI            list URI (repeatable; none: every\n"
            "                               backend that finds its hypervisor)\n"
            "      --web.listen-address ADDR   HOST:PORT, [V6]:PORT or :PORT\n"
            "                               (default " DEFAULT_LISTEN ")\n"
            "      --web.telemetry-path PATH   (default " DEFAULT_PATH ")\n"
            "      --web.max-connections N  open connections at most (default 512)\n"
            "      --web.timeout SECONDS    idle connections are closed after\n"
            "                               this (default 10)\n");
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT" (every address). */
static int
parseListen(const char *addr, struct addrinfo **ai)
{
    struct addrinfo hints;
    const char *colon = strrchr(addr, ':');
    char host[256];
    size_t hlen;
    int rc;

    if (!colon || !colon[1])
        return -1;
    hlen = (size_t)(colon - addr);
    if (hlen >= 2 && addr[0] == '[' && addr[hlen - 1] == ']') {
        addr++;
        hlen -= 2;
    }
    if (hlen >= sizeof(host))
        return -1;
    memcpy(host, addr, hlen);
    host[hlen] = '\0';
    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    rc = getaddrinfo(hlen ? host : NULL, colon + 1, &hints, ai);
    if (rc != 0) {
        fprintf(stderr, "virtplug-exporter: %s: %s\n", addr, gai_strerror(rc));
        return -1;
    }
    return 0;
}

static long
parseNumber(const char *s, long min, long max)
{
    long long v;

    return vpParseLongLong(s, min, max, &v) == 0 ? (long)v : -1;
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "web.listen-address", required_argument, NULL, 'l' },
        { "web.telemetry-path", required_argument, NULL, 'p' },
        { "web.max-connections", required_argument, NULL, 'm' },
        { "web.timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *listen = DEFAULT_LISTEN;
    const char **uris;
    size_t nuris = 0;
    long maxconn = 512, timeout = 10;
    struct addrinfo *ai = NULL;
    vpExporter ex = { NULL, NULL, DEFAULT_PATH };
    const union MHD_DaemonInfo *info;
    sigset_t sigs;
    int c, sig;

    if (!(uris = calloc((size_t)argc + 1, sizeof(*uris))))
        return EXIT_FAILURE;
    while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            uris[nuris++] = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 'p':
            if (optarg[0] != '/') {
                fprintf(stderr, "virtplug-exporter: --web.telemetry-path must start with '/'\n");
                return EXIT_FAILURE;
            }
            ex.telemetry_path = optarg;
            break;
        case 'm':
            if ((maxconn = parseNumber(optarg, 1, 65536)) < 0) {
                fprintf(stderr, "virtplug-exporter: bad --web.max-connections '%s'\n", optarg);
                return EXIT_FAILURE;
            }
            break;
        case 't':
            if ((timeout = parseNumber(optarg, 1, 3600)) < 0) {
                fprintf(stderr, "virtplug-exporter: bad --web.timeout '%s'\n", optarg);
                return EXIT_FAILURE;
            }
            break;
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        default:
            usage(stderr);
            return EXIT_FAILURE;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return EXIT_FAILURE;
    }
    if (parseListen(listen, &ai) < 0) {
        fprintf(stderr, "virtplug-exporter: bad --web.listen-address '%s'\n", listen);
        return EXIT_FAILURE;
    }

    /* Signals are taken by sigwait below, in this thread only. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!(ex.cache = vpScrapeCacheNew(uris, nuris, ex.telemetry_path))) {
        fprintf(stderr, "virtplug-exporter: out of memory\n");
        return EXIT_FAILURE;
    }
    ex.daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
        MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
        (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, handle, &ex,
        MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)maxconn,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_END);
    if (!ex.daemon) {
        fprintf(stderr, "virtplug-exporter: cannot listen on %s\n", listen);
        freeaddrinfo(ai);
        vpScrapeCacheFree(ex.cache);
        return EXIT_FAILURE;
    }
    freeaddrinfo(ai);
    info = MHD_get_daemon_info(ex.daemon, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr, "virtplug-exporter: listening on port %u, metrics at %s\n",
            info ? (unsigned int)info->port : 0u, ex.telemetry_path);

    do {
        if (sigwait(&sigs, &sig) != 0)
            break;
    } while (sig != SIGINT && sig != SIGTERM);

    /* Answer what waits (resuming those connections) before the daemon
     * goes, so that no connection is left suspended. */
    vpScrapeCacheStop(ex.cache);
    MHD_stop_daemon(ex.daemon);
    vpScrapeCacheFree(ex.cache);
    free(uris);
    return EXIT_SUCCESS;
}
