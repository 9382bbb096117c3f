/*
 * qmp-monitors.c: many standalone QEMU monitors that answer slowly, for
 * the QMP listing benchmark (bench/qmp-bench.sh).
 *
 * Listens on DIR/mon-NNNN.qmp for N sockets and serves each like a QEMU
 * monitor would: a greeting on connect, then one reply per command, in
 * order.  Every message (the greeting and each reply) waits its own delay,
 * drawn from MIN_MS..MAX_MS, after the previous one was sent, as a busy
 * QEMU answering one command at a time would.  Domain NNNN is "fake-NNNN";
 * odd ones are paused.  One process, one epoll loop, no thread per socket.
 *
 * Prints "ready" on stdout once every socket listens, then serves until its
 * stdin reaches its end (the caller decides when it stops).
 *
 * Usage: qmp-monitors DIR N MIN_MS MAX_MS
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_REPLIES 8

typedef struct {
    int fd;                 /* -1 when no client */
    int index;              /* which monitor */
    char in[4096];
    size_t inlen;
    char *out[MAX_REPLIES]; /* messages waiting for their time */
    size_t nout;
    long long due;          /* when out[0] may go; 0: nothing waits */
} client;

static int minMs, maxMs;

static long long
nowMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
delayMs(void)
{
    return minMs + (maxMs > minMs ? rand() % (maxMs - minMs + 1) : 0);
}

/* Queues one message (copied). */
static void
queue(client *c, const char *text)
{
    char *msg;

    if (c->nout == MAX_REPLIES || !(msg = strdup(text)))
        return;
    if (c->nout == 0)
        c->due = nowMs() + delayMs();
    c->out[c->nout++] = msg;
}

static void
dropClient(client *c)
{
    size_t i;

    close(c->fd);
    c->fd = -1;
    for (i = 0; i < c->nout; i++)
        free(c->out[i]);
    c->nout = 0;
    c->inlen = 0;
    c->due = 0;
}

/* One command line: queue its reply. */
static void
command(client *c, const char *line)
{
    const char *idp = strstr(line, "\"id\"");
    long long id = idp ? strtoll(idp + 5 + strspn(idp + 5, ": "), NULL, 10) : 0;
    char msg[256];

    if (strstr(line, "qmp_capabilities"))
        snprintf(msg, sizeof(msg), "{\"return\": {}, \"id\": %lld}\r\n", id);
    else if (strstr(line, "query-name"))
        snprintf(msg, sizeof(msg),
                 "{\"return\": {\"name\": \"fake-%04d\"}, \"id\": %lld}\r\n",
                 c->index, id);
    else if (strstr(line, "query-uuid"))
        snprintf(msg, sizeof(msg),
                 "{\"return\": {\"UUID\": \"6c7a4e10-2b1f-4c3e-9a55-%012d\"}, "
                 "\"id\": %lld}\r\n", c->index, id);
    else if (strstr(line, "query-status"))
        snprintf(msg, sizeof(msg),
                 "{\"return\": {\"status\": \"%s\", \"singlestep\": false, "
                 "\"running\": %s}, \"id\": %lld}\r\n",
                 c->index % 2 ? "paused" : "running",
                 c->index % 2 ? "false" : "true", id);
    else
        snprintf(msg, sizeof(msg), "{\"error\": {\"class\": "
                 "\"CommandNotFound\", \"desc\": \"no\"}, \"id\": %lld}\r\n",
                 id);
    queue(c, msg);
}

static void
readable(client *c)
{
    ssize_t n = read(c->fd, c->in + c->inlen, sizeof(c->in) - 1 - c->inlen);
    char *nl;

    if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        dropClient(c);
        return;
    }
    c->inlen += (size_t)n;
    c->in[c->inlen] = '\0';
    while ((nl = strchr(c->in, '\n'))) {
        *nl = '\0';
        command(c, c->in);
        c->inlen -= (size_t)(nl + 1 - c->in);
        memmove(c->in, nl + 1, c->inlen + 1);
    }
    if (c->inlen == sizeof(c->in) - 1)
        dropClient(c);
}

/* Sends what is due; returns the next due time, or 0. */
static long long
sendDue(client *c, long long now)
{
    while (c->fd >= 0 && c->nout > 0 && c->due <= now) {
        size_t len = strlen(c->out[0]);

        if (write(c->fd, c->out[0], len) != (ssize_t)len) {
            dropClient(c);
            return 0;
        }
        free(c->out[0]);
        memmove(c->out, c->out + 1, --c->nout * sizeof(c->out[0]));
        c->due = c->nout ? now + delayMs() : 0;
    }
    return c->fd >= 0 ? c->due : 0;
}

int
main(int argc, char **argv)
{
    struct rlimit rl;
    struct epoll_event ev, evs[256];
    client *clients;
    int *listeners;
    int n, i, ep;

    if (argc != 5) {
        fprintf(stderr, "usage: %s DIR N MIN_MS MAX_MS\n", argv[0]);
        return 2;
    }
    n = atoi(argv[2]);
    minMs = atoi(argv[3]);
    maxMs = atoi(argv[4]);
    if (n <= 0 || minMs < 0 || maxMs < minMs) {
        fprintf(stderr, "qmp-monitors: bad arguments\n");
        return 2;
    }
    /* a listener and a client per monitor */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)(2 * n + 16)) {
        rl.rlim_cur = rl.rlim_max < (rlim_t)(2 * n + 16) ? rl.rlim_max
                                                          : (rlim_t)(2 * n + 16);
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    srand(1);
    clients = calloc((size_t)n, sizeof(*clients));
    listeners = calloc((size_t)n, sizeof(*listeners));
    if (!clients || !listeners || (ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        perror("qmp-monitors");
        return 1;
    }
    for (i = 0; i < n; i++) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

        if ((size_t)snprintf(addr.sun_path, sizeof(addr.sun_path),
                             "%s/mon-%04d.qmp", argv[1], i) >= sizeof(addr.sun_path) ||
            fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
            listen(fd, 4) < 0) {
            fprintf(stderr, "qmp-monitors: socket %d: %s\n", i, strerror(errno));
            return 1;
        }
        listeners[i] = fd;
        clients[i].fd = -1;
        clients[i].index = i;
        ev.events = EPOLLIN;
        ev.data.u64 = (uint64_t)i;              /* listener i */
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    ev.events = EPOLLIN;
    ev.data.u64 = (uint64_t)2 * n;              /* stdin */
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);
    printf("ready\n");
    fflush(stdout);

    for (;;) {
        long long now = nowMs(), next = 0;
        int timeout, got;

        for (i = 0; i < n; i++) {
            long long due = sendDue(&clients[i], now);

            if (due && (!next || due < next))
                next = due;
        }
        timeout = next ? (int)(next - now > 0 ? next - now : 0) : -1;
        got = epoll_wait(ep, evs, 256, timeout);
        if (got < 0 && errno != EINTR) {
            perror("qmp-monitors: epoll_wait");
            return 1;
        }
        for (i = 0; i < got; i++) {
            uint64_t k = evs[i].data.u64;

            if (k == (uint64_t)2 * n) {
                char buf[64];

                if (read(0, buf, sizeof(buf)) <= 0)
                    return 0;
            } else if (k < (uint64_t)n) {
                client *c = &clients[k];
                int fd = accept4(listeners[k], NULL, NULL,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);

                if (fd < 0)
                    continue;
                if (c->fd >= 0)
                    dropClient(c);      /* one client at a time, as QEMU */
                c->fd = fd;
                ev.events = EPOLLIN;
                ev.data.u64 = (uint64_t)n + k;
                epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
                queue(c, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, "
                      "\"minor\": 2, \"major\": 7}, \"package\": \"\"}, "
                      "\"capabilities\": []}}\r\n");
            } else {
                client *c = &clients[k - (uint64_t)n];

                if (c->fd >= 0)
                    readable(c);
            }
        }
    }
}
