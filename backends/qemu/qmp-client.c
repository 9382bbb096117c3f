/*
 * qmp-client.c: many QMP monitors at once, one poll() loop, one deadline.
 *
 * QEMU serves one monitor client at a time: a second client's connect()
 * succeeds (the kernel queues it) but no greeting comes until the first
 * client leaves.  So the greeting, not the connect, is what proves a monitor
 * is ours, and every wait is bounded by the caller's single deadline.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "qmp-client.h"

/* Reply ids of the four commands sent after the greeting. */
enum {
    QMP_ID_CAPABILITIES = 1,
    QMP_ID_NAME = 2,
    QMP_ID_UUID = 3,
    QMP_ID_STATUS = 4,
};
#define QMP_ALL_REPLIES 0x1eu   /* bits 1..4 */

/* Pipelined: QEMU handles the commands of one client in order, so the
 * queries run after the capabilities negotiation. */
static const char qmpRequest[] =
    "{\"execute\":\"qmp_capabilities\",\"id\":1}\r\n"
    "{\"execute\":\"query-name\",\"id\":2}\r\n"
    "{\"execute\":\"query-uuid\",\"id\":3}\r\n"
    "{\"execute\":\"query-status\",\"id\":4}\r\n";

typedef enum {
    CONN_WAITING = 0,   /* not started yet */
    CONN_CONNECTING,    /* connect() in progress */
    CONN_GREETING,      /* connected, no greeting yet */
    CONN_TALKING,       /* greeted; sending the request, reading replies */
    CONN_DONE,          /* outcome set, socket closed */
} connState;

typedef struct {
    qmpProbe *probe;
    connState state;
    int fd;
    qmpReader *reader;
    size_t sent;             /* bytes of qmpRequest written */
    unsigned int replies;    /* bit n set: reply with id n seen */
    bool protocol_error;     /* set by the message callback */
} qmpConn;

/* The descriptor limit of the process; 0 when unknown. */
static rlim_t qmpFdLimit;

/* Raises the soft RLIMIT_NOFILE so that `want` monitors can be open at
 * once, up to the hard limit (a process may always do that).  The limit is
 * the process's: it stays raised, as it would after any program's own
 * setrlimit; glibc's select() is the only thing a high descriptor breaks,
 * and only a process with this many sockets open gets one.  Returns how
 * many connections may be open at once. */
static size_t
qmpRaiseFdLimit(size_t want)
{
    struct rlimit rl;
    rlim_t need = (rlim_t)want + QMP_FD_RESERVE;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return want;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        struct rlimit raised = rl;

        raised.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need
            ? need : rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl = raised;
    }
    qmpFdLimit = rl.rlim_cur;
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
        return want;
    return rl.rlim_cur > QMP_FD_RESERVE ? (size_t)(rl.rlim_cur - QMP_FD_RESERVE)
                                        : 1;
}

static long long
nowMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
connFinish(qmpConn *c, qmpProbeOutcome outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
connFinish(qmpConn *c, qmpProbeOutcome outcome, const char *fmt, ...)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    qmpReaderFree(c->reader);
    c->reader = NULL;
    c->state = CONN_DONE;
    c->probe->outcome = outcome;
    if (fmt) {
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(c->probe->error, sizeof(c->probe->error), fmt, ap);
        va_end(ap);
    }
}

static void
connTakeReply(qmpConn *c, const qmpMessage *msg)
{
    qmpProbe *p = c->probe;
    long long id = msg->id;
    const char *what = NULL;

    if (msg->kind == QMP_MSG_ERROR) {
        switch (id) {
        case QMP_ID_CAPABILITIES: what = "qmp_capabilities"; break;
        case QMP_ID_NAME: what = "query-name"; break;
        case QMP_ID_UUID: what = "query-uuid"; break;
        default: what = "query-status"; break;
        }
        if (!p->error[0])
            snprintf(p->error, sizeof(p->error), "%s failed", what);
        return;
    }
    switch (id) {
    case QMP_ID_NAME:
        /* A QEMU started without -name answers {} */
        if (msg->has_name && msg->name[0]) {
            memcpy(p->name, msg->name, sizeof(p->name));
            p->has_name = true;
        }
        break;
    case QMP_ID_UUID:
        if (msg->has_uuid) {
            memcpy(p->uuid, msg->uuid, sizeof(p->uuid));
            p->has_uuid = true;
        }
        break;
    case QMP_ID_STATUS:
        if (msg->has_status) {
            memcpy(p->status, msg->status, sizeof(p->status));
            p->has_status = true;
        }
        p->running = msg->running;
        if (!msg->has_status && msg->running < 0 && !p->error[0])
            snprintf(p->error, sizeof(p->error),
                     "query-status gave no status");
        break;
    default:
        break;
    }
}

/* The reader's callback: one complete message from the monitor. */
static bool
connOnMessage(void *opaque, const qmpMessage *msg)
{
    qmpConn *c = opaque;

    if (c->state == CONN_GREETING) {
        if (msg->kind != QMP_MSG_GREETING) {
            c->protocol_error = true;
            return true;
        }
        c->state = CONN_TALKING;
        return false;
    }
    if (msg->kind != QMP_MSG_RETURN && msg->kind != QMP_MSG_ERROR)
        return false;   /* events, a repeated greeting: not ours */
    /* Replies without an id (parse errors) or with an id we did not send,
     * or sent twice, are dropped. */
    if (!msg->has_id || msg->id < QMP_ID_CAPABILITIES ||
        msg->id > QMP_ID_STATUS || (c->replies & (1u << msg->id)))
        return false;
    c->replies |= 1u << msg->id;
    connTakeReply(c, msg);
    return c->replies == QMP_ALL_REPLIES;
}

/* Connected: note the peer and wait for the greeting. */
static void
connConnected(qmpConn *c)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
        len == sizeof(cred) && cred.pid > 0)
        c->probe->pid = cred.pid;
    if (!(c->reader = qmpReaderNew(connOnMessage, c))) {
        connFinish(c, QMP_PROBE_FAILED, "out of memory");
        return;
    }
    c->state = CONN_GREETING;
}

/* Starts one connection.  Returns false when no descriptor is available
 * right now (try again once another connection closed). */
static bool
connStart(qmpConn *c)
{
    struct sockaddr_un addr;
    size_t len = strlen(c->probe->path);

    if (len >= sizeof(addr.sun_path)) {
        connFinish(c, QMP_PROBE_FAILED, "socket path too long to connect");
        return true;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, c->probe->path, len + 1);

    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        if (errno == EMFILE || errno == ENFILE)
            return false;
        connFinish(c, QMP_PROBE_FAILED, "cannot create a socket: %s",
                   strerror(errno));
        return true;
    }
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
        connConnected(c);
        return true;
    }
    switch (errno) {
    case EINPROGRESS:
    case EINTR:
        c->state = CONN_CONNECTING;
        break;
    case EAGAIN:
        /* The listen queue is full: other clients wait for this monitor. */
        connFinish(c, QMP_PROBE_FAILED,
                   "monitor busy: its connection queue is full");
        break;
    case ECONNREFUSED:
        connFinish(c, QMP_PROBE_GONE,
                   "connection refused (stale socket of a QEMU that is gone)");
        break;
    case ENOENT:
        connFinish(c, QMP_PROBE_GONE, "socket vanished");
        break;
    default:
        connFinish(c, QMP_PROBE_FAILED, "cannot connect: %s",
                   strerror(errno));
        break;
    }
    return true;
}

static void
connSend(qmpConn *c)
{
    size_t total = sizeof(qmpRequest) - 1;

    while (c->sent < total) {
        ssize_t n = send(c->fd, qmpRequest + c->sent, total - c->sent,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            connFinish(c, QMP_PROBE_FAILED, "cannot write to monitor: %s",
                       strerror(errno));
            return;
        }
        c->sent += (size_t)n;
    }
}

static void
connReceive(qmpConn *c)
{
    char buf[65536];
    char err[200];
    ssize_t n;
    int rc;

    n = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        connFinish(c, QMP_PROBE_FAILED, "cannot read from monitor: %s",
                   strerror(errno));
        return;
    }
    if (n == 0) {
        connFinish(c, QMP_PROBE_FAILED, "monitor closed the connection %s",
                   c->state == CONN_GREETING ? "without a greeting"
                                             : "before answering");
        return;
    }
    rc = qmpReaderFeed(c->reader, buf, (size_t)n, err, sizeof(err));
    if (c->protocol_error) {
        connFinish(c, QMP_PROBE_FAILED,
                   "monitor did not start with a QMP greeting");
    } else if (rc < 0) {
        connFinish(c, QMP_PROBE_FAILED, "%s", err);
    } else if (rc > 0 || c->replies == QMP_ALL_REPLIES) {
        connFinish(c, QMP_PROBE_ANSWERED, NULL);
    } else if (c->state == CONN_TALKING) {
        connSend(c);
    }
}

static void
connEvent(qmpConn *c, short revents)
{
    if (c->state == CONN_CONNECTING) {
        int soerr = 0;
        socklen_t len = sizeof(soerr);

        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
            soerr = errno;
        if (soerr == ECONNREFUSED || soerr == ENOENT)
            connFinish(c, QMP_PROBE_GONE, "cannot connect: %s",
                       strerror(soerr));
        else if (soerr)
            connFinish(c, QMP_PROBE_FAILED, "cannot connect: %s",
                       strerror(soerr));
        else
            connConnected(c);
        return;
    }
    if (revents & (POLLIN | POLLHUP | POLLERR))
        connReceive(c);
    if (c->state == CONN_TALKING && (revents & POLLOUT))
        connSend(c);
}

static void
connExpire(qmpConn *c, int timeout_ms)
{
    switch (c->state) {
    case CONN_WAITING:
        connFinish(c, QMP_PROBE_FAILED,
                   "not asked within %d ms: no free file descriptor (the "
                   "open file limit RLIMIT_NOFILE is %llu; raise it with "
                   "ulimit -n)",
                   timeout_ms, (unsigned long long)qmpFdLimit);
        break;
    case CONN_CONNECTING:
        connFinish(c, QMP_PROBE_FAILED, "no connection within %d ms",
                   timeout_ms);
        break;
    case CONN_GREETING:
        connFinish(c, QMP_PROBE_FAILED,
                   "no greeting within %d ms (monitor busy with another "
                   "client, or hung)", timeout_ms);
        break;
    case CONN_TALKING:
        connFinish(c, QMP_PROBE_FAILED, "no complete answer within %d ms",
                   timeout_ms);
        break;
    case CONN_DONE:
        break;
    }
}

void
qmpProbeAll(qmpProbe *probes, size_t n, int timeout_ms)
{
    long long deadline = nowMs() + timeout_ms;
    qmpConn *conns;
    struct pollfd *pfds;
    size_t *map;
    size_t i;
    size_t next = 0;   /* first probe not started yet */
    size_t maxopen;

    for (i = 0; i < n; i++) {
        probes[i].outcome = QMP_PROBE_FAILED;
        probes[i].pid = -1;
        probes[i].has_name = probes[i].has_uuid = probes[i].has_status = false;
        probes[i].running = -1;
        probes[i].error[0] = '\0';
    }
    if (n == 0)
        return;

    conns = calloc(n, sizeof(*conns));
    pfds = calloc(QMP_CLIENT_MAX_OPEN, sizeof(*pfds));
    map = calloc(QMP_CLIENT_MAX_OPEN, sizeof(*map));
    if (!conns || !pfds || !map) {
        for (i = 0; i < n; i++)
            snprintf(probes[i].error, sizeof(probes[i].error),
                     "out of memory");
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        conns[i].probe = &probes[i];
        conns[i].fd = -1;
    }
    maxopen = qmpRaiseFdLimit(n < QMP_CLIENT_MAX_OPEN ? n : QMP_CLIENT_MAX_OPEN);

    for (;;) {
        size_t nfds = 0;
        long long left;
        bool starved = false;
        int rc;

        /* Fill free slots with waiting probes. */
        for (i = 0; i < n; i++) {
            if (conns[i].state != CONN_DONE && conns[i].state != CONN_WAITING)
                nfds++;
        }
        while (next < n && nfds < maxopen && !starved) {
            if (!connStart(&conns[next])) {
                starved = true;
                break;
            }
            if (conns[next].state != CONN_DONE)
                nfds++;
            next++;
        }

        nfds = 0;
        for (i = 0; i < n && nfds < QMP_CLIENT_MAX_OPEN; i++) {
            qmpConn *c = &conns[i];

            if (c->state == CONN_DONE || c->state == CONN_WAITING)
                continue;
            pfds[nfds].fd = c->fd;
            pfds[nfds].events = POLLIN;
            if (c->state == CONN_CONNECTING ||
                (c->state == CONN_TALKING &&
                 c->sent < sizeof(qmpRequest) - 1))
                pfds[nfds].events |= POLLOUT;
            pfds[nfds].revents = 0;
            map[nfds++] = i;
        }
        if (nfds == 0) {
            if (next >= n)
                break;
            /* No descriptor could be had and none is open to free one. */
            for (i = next; i < n; i++)
                connFinish(&conns[i], QMP_PROBE_FAILED,
                           "no file descriptor available (the open file "
                           "limit RLIMIT_NOFILE is %llu)",
                           (unsigned long long)qmpFdLimit);
            break;
        }

        left = deadline - nowMs();
        if (left <= 0)
            break;
        rc = poll(pfds, nfds, (int)left);
        if (rc < 0 && errno != EINTR)
            break;
        for (i = 0; rc > 0 && i < nfds; i++) {
            if (pfds[i].revents)
                connEvent(&conns[map[i]], pfds[i].revents);
        }
    }

    for (i = 0; i < n; i++)
        connExpire(&conns[i], timeout_ms);

 cleanup:
    free(conns);
    free(pfds);
    free(map);
}
