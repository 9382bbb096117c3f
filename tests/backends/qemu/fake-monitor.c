/*
 * fake-monitor.c: QMP monitors that behave well or badly, for tests.
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fake-monitor.h"

#define FAKE_MAX_MONITORS 64

static int stopPipe[2] = { -1, -1 };
static fakeMonitor *monitors[FAKE_MAX_MONITORS];
static size_t nmonitors;

static const char greeting[] =
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
    "\"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\r\n";

/* Waits for `events` on fd, or for the stop pipe, or for timeout_ms (-1:
 * forever).  Returns 1 when fd is ready, 0 on timeout, -1 when stopping. */
static int
fakeWait(int fd, short events, int timeout_ms)
{
    struct pollfd p[2] = {
        { .fd = stopPipe[0], .events = POLLIN },
        { .fd = fd, .events = events },
    };

    for (;;) {
        int rc = poll(p, fd >= 0 ? 2 : 1, timeout_ms);

        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0 || p[0].revents)
            return -1;
        return rc == 0 ? 0 : 1;
    }
}

static int
fakeWrite(fakeMonitor *m, int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n;

        if (fakeWait(fd, POLLOUT, -1) < 0)
            return -1;
        n = send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return -1;
        }
        atomic_fetch_add(&m->bytes_written, n);
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int
fakeWriteStr(fakeMonitor *m, int fd, const char *s)
{
    return fakeWrite(m, fd, s, strlen(s));
}

/* Reads until the client has sent its query-status command.  Refuses (the
 * monitor answers the queries with errors) when the capabilities
 * negotiation did not come first, like QEMU. */
static int
fakeReadRequest(int fd, bool *negotiated)
{
    char buf[4096];
    size_t len = 0;

    for (;;) {
        ssize_t n;
        char *caps, *name;

        if (fakeWait(fd, POLLIN, -1) < 0)
            return -1;
        n = recv(fd, buf + len, sizeof(buf) - 1 - len, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return -1;
        len += (size_t)n;
        buf[len] = '\0';
        if (strstr(buf, "query-status")) {
            caps = strstr(buf, "qmp_capabilities");
            name = strstr(buf, "query-name");
            *negotiated = caps && name && caps < name;
            return 0;
        }
        if (len == sizeof(buf) - 1)
            return -1;
    }
}

static void
fakeAnswer(fakeMonitor *m, int fd, bool pretty)
{
    static const char event[] =
        "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, "
        "\"event\": \"RESUME\", \"data\": {\"return\": {\"name\": \"evil\"}, "
        "\"id\": 2}}\r\n";
    char out[8192];
    bool negotiated;
    size_t i, len;

    if (fakeReadRequest(fd, &negotiated) < 0)
        return;
    if (!negotiated) {
        fakeWriteStr(m, fd, "{\"error\": {\"class\": \"CommandNotFound\", "
                     "\"desc\": \"Expecting capabilities negotiation\"}}\r\n");
        return;
    }
    len = (size_t)snprintf(out, sizeof(out),
        "%s{\"return\": {}, \"id\": 1}\r\n"
        "%s{\"return\": {\"name\": \"stray\"}, \"id\": 99}\r\n"
        "{\"id\": 2, \"return\": {%s%s%s}}\r\n"
        "%s{\"return\": {\"UUID\": \"%s\"}, \"id\": 3}\r\n"
        "%s{\"return\": {\"singlestep\": false, \"running\": %s, "
        "\"status\": \"%s\", \"x\": [[{}]]}, \"id\": 4}\r\n",
        event, event,
        m->name ? "\"name\": \"" : "", m->name ? m->name : "",
        m->name ? "\"" : "",
        event, m->uuid ? m->uuid : "00000000-0000-0000-0000-000000000000",
        event, m->status && strcmp(m->status, "running") == 0 ? "true"
                                                             : "false",
        m->status ? m->status : "running");
    if (!pretty) {
        fakeWrite(m, fd, out, len);
        return;
    }
    /* Pretty printing spreads a message over many lines; one byte at a
     * time exercises every split point of the reader. */
    for (i = 0; i < len; i++) {
        char c[2] = { out[i], 0 };

        if (fakeWriteStr(m, fd, c[0] == ',' ? ",\r\n   " : c) < 0)
            return;
    }
}

/* Writes `chunk` over and over until `total` bytes went out or the client
 * left. */
static void
fakeFlood(fakeMonitor *m, int fd, const char *head, char fill,
          long long total)
{
    char chunk[65536];
    long long sent = 0;

    memset(chunk, fill, sizeof(chunk));
    if (fakeWriteStr(m, fd, head) < 0)
        return;
    while (sent < total) {
        if (fakeWrite(m, fd, chunk, sizeof(chunk)) < 0)
            return;
        sent += (long long)sizeof(chunk);
    }
}

static void
fakeServe(fakeMonitor *m, int fd)
{
    bool negotiated;

    switch (m->kind) {
    case FAKE_GOOD:
        if (fakeWriteStr(m, fd, greeting) == 0)
            fakeAnswer(m, fd, false);
        break;
    case FAKE_DRIP:
        if (fakeWriteStr(m, fd, greeting) == 0)
            fakeAnswer(m, fd, true);
        break;
    case FAKE_SLOW:
        if (fakeWait(-1, 0, m->slow_ms) == 0 &&
            fakeWriteStr(m, fd, greeting) == 0)
            fakeAnswer(m, fd, false);
        break;
    case FAKE_BAD_JSON:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0)
            fakeWriteStr(m, fd, "{\"return\": {}, \"id\": 1}\r\n"
                         "{\"return\": {\"name\": nope}, \"id\": 2}\r\n");
        break;
    case FAKE_HUGE:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0)
            fakeFlood(m, fd, "{\"return\": {}, \"id\": 1}\r\n"
                      "{\"return\": {\"name\": \"", 'A', 100LL << 20);
        break;
    case FAKE_DEEP:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0)
            fakeFlood(m, fd, "{\"return\": ", '[', 1000000);
        break;
    case FAKE_EARLY_CLOSE:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0)
            fakeWriteStr(m, fd, "{\"return\": {}, \"id\": 1}\r\n");
        close(fd);
        return;
    case FAKE_GARBAGE: {
        char junk[4096];
        size_t i;

        for (i = 0; i < sizeof(junk); i++)
            junk[i] = (char)((i * 2654435761u) >> 13);
        fakeWrite(m, fd, junk, sizeof(junk));
        break;
    }
    case FAKE_NO_GREETING:
        fakeWriteStr(m, fd, "{\"return\": {\"name\": \"x\"}, \"id\": 2}\r\n");
        break;
    case FAKE_EVENT_FLOOD:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0) {
            static const char event[] =
                "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1, "
                "\"microseconds\": 2}}\r\n";

            while (fakeWriteStr(m, fd, event) == 0)
                ;
        }
        break;
    case FAKE_DRIBBLE:
        /* A reply whose string never closes, at the monitor's own pace;
         * it stops when the client leaves or the test ends. */
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0 &&
            fakeWriteStr(m, fd, "{\"return\": {}, \"id\": 1}\r\n"
                         "{\"return\": {\"name\": \"") == 0) {
            while (fakeWait(-1, 0, m->drip_ms) == 0 &&
                   fakeWriteStr(m, fd, "x") == 0)
                ;
        }
        break;
    case FAKE_UNFINISHED:
        if (fakeWriteStr(m, fd, greeting) == 0 &&
            fakeReadRequest(fd, &negotiated) == 0)
            fakeWriteStr(m, fd, "{\"return\": {}, \"id\": 1}\r\n"
                         "{\"return\": {\"name\": \"vm\"");
        break;
    case FAKE_SILENT:
    case FAKE_BUSY:
    case FAKE_REFUSED:
        break;
    }
    atomic_store(&m->finished, 1);
    /* Keep the connection until the test ends. */
    fakeWait(-1, 0, -1);
    close(fd);
}

static void *
fakeThread(void *opaque)
{
    fakeMonitor *m = opaque;
    int fd;

    if (m->kind == FAKE_BUSY) {
        fakeWait(-1, 0, -1);
        return NULL;
    }
    if (fakeWait(m->listen_fd, POLLIN, -1) <= 0)
        return NULL;
    if ((fd = accept(m->listen_fd, NULL, NULL)) < 0)
        return NULL;
    atomic_fetch_add(&m->connections, 1);
    fakeServe(m, fd);
    return NULL;
}

int
fakeMonitorStart(fakeMonitor *m)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    if (stopPipe[0] < 0 && pipe(stopPipe) < 0)
        return -1;
    if (nmonitors >= FAKE_MAX_MONITORS ||
        strlen(m->path) >= sizeof(addr.sun_path))
        return -1;
    strcpy(addr.sun_path, m->path);
    atomic_init(&m->connections, 0);
    atomic_init(&m->bytes_written, 0);
    atomic_init(&m->finished, 0);
    m->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m->listen_fd < 0)
        return -1;
    if (bind(m->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(m->listen_fd, 1) < 0) {
        close(m->listen_fd);
        return -1;
    }
    if (m->kind == FAKE_REFUSED) {
        /* Like a QEMU killed with SIGKILL: the file stays. */
        close(m->listen_fd);
        m->listen_fd = -1;
        return 0;
    }
    if (pthread_create(&m->thread, NULL, fakeThread, m) != 0) {
        close(m->listen_fd);
        return -1;
    }
    m->started = 1;
    monitors[nmonitors++] = m;
    return 0;
}

void
fakeMonitorStopAll(void)
{
    size_t i;

    if (stopPipe[1] >= 0)
        close(stopPipe[1]);
    for (i = 0; i < nmonitors; i++) {
        pthread_join(monitors[i]->thread, NULL);
        close(monitors[i]->listen_fd);
        monitors[i]->started = 0;
    }
    nmonitors = 0;
    if (stopPipe[0] >= 0)
        close(stopPipe[0]);
    stopPipe[0] = stopPipe[1] = -1;
}
