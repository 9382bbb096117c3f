/*
 * qmp-client.h: ask many QMP monitors at once, under one deadline.
 *
 * For each socket: connect without blocking, take the peer's pid
 * (SO_PEERCRED), wait for the greeting, send qmp_capabilities, query-name,
 * query-uuid and query-status in one write (ids 1 to 4), collect the replies
 * (skipping events), and close as soon as all four are in or the monitor
 * failed.  Everything runs in the calling thread with one poll() loop; no
 * signal is raised (writes use MSG_NOSIGNAL).
 */
#ifndef QMP_CLIENT_H
#define QMP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "qmp-reader.h"

typedef enum {
    QMP_PROBE_ANSWERED = 0, /* all queries answered (some may have failed) */
    QMP_PROBE_FAILED,       /* a live monitor that could not tell all: see
                             * error; what it did tell is filled in */
    QMP_PROBE_GONE,         /* no QEMU behind the socket (refused, vanished):
                             * see error */
} qmpProbeOutcome;

typedef struct {
    /* in: the path to connect to (borrowed, at most 107 bytes) */
    const char *path;

    /* out */
    qmpProbeOutcome outcome;
    int pid;                  /* SO_PEERCRED pid, or -1 when unknown */
    bool has_name;
    char name[QMP_READER_MAX_TEXT + 1];
    bool has_uuid;
    char uuid[QMP_READER_MAX_TEXT + 1];
    bool has_status;
    char status[QMP_READER_MAX_TEXT + 1];
    int running;              /* query-status "running": -1 unknown, 0, 1 */
    char error[256];          /* why not everything is known; "" if all is */
} qmpProbe;

/* At most this many connections are open at once (as many as the scan
 * asks, QMP_SCAN_MAX_SOCKETS), and never more than the descriptor limit
 * allows; further sockets wait for a free slot within the same deadline.
 * Monitors answer slowly (tens of ms a message), so asking them in waves
 * would multiply the time: all are asked at once. */
#define QMP_CLIENT_MAX_OPEN 4096

/* Descriptors kept free for the rest of the process while monitors are
 * asked: at most RLIMIT_NOFILE minus this many sockets are open at once. */
#define QMP_FD_RESERVE 64

/* Probes probes[0..n) concurrently and returns when every probe has an
 * outcome, at the latest timeout_ms milliseconds after the call (plus the
 * time of one poll() round).  Never fails as a whole. */
void qmpProbeAll(qmpProbe *probes, size_t n, int timeout_ms);

#endif /* QMP_CLIENT_H */
