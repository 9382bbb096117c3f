/*
 * fake-monitor.h: QMP monitors that behave well or badly, for tests.
 *
 * Each monitor listens on a UNIX socket and is served by its own thread,
 * which serves one client and then keeps its connection until
 * fakeMonitorStopAll().  Every wait of a serving thread also watches a
 * shared stop pipe, so stopping never hangs.
 */
#ifndef FAKE_MONITOR_H
#define FAKE_MONITOR_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

typedef enum {
    FAKE_GOOD,         /* correct QMP, events between replies */
    FAKE_DRIP,         /* correct, pretty-printed, one byte per write */
    FAKE_BUSY,         /* listens, never accepts */
    FAKE_SILENT,       /* accepts, never speaks */
    FAKE_SLOW,         /* greets only after `slow_ms` */
    FAKE_BAD_JSON,     /* greets, then answers with invalid JSON */
    FAKE_HUGE,         /* greets, then a 100 MB reply */
    FAKE_DEEP,         /* greets, then a reply nested 1e6 deep */
    FAKE_EARLY_CLOSE,  /* greets, answers the first command, closes */
    FAKE_GARBAGE,      /* binary bytes instead of a greeting */
    FAKE_NO_GREETING,  /* a reply instead of a greeting */
    FAKE_REFUSED,      /* socket file left behind, nobody listening */
    FAKE_EVENT_FLOOD,  /* greets, then small valid events without end */
    FAKE_DRIBBLE,      /* greets, then a reply that never ends, one byte
                        * every `drip_ms` */
    FAKE_UNFINISHED,   /* greets, answers half a reply, then nothing */
} fakeKind;

typedef struct {
    fakeKind kind;
    char path[108];
    const char *name;     /* query-name's name, NULL: {} */
    const char *uuid;     /* query-uuid's UUID */
    const char *status;   /* query-status's status */
    int slow_ms;          /* FAKE_SLOW: delay before the greeting */
    int drip_ms;          /* FAKE_DRIBBLE: pause between bytes */

    /* set by the serving thread */
    atomic_int connections;      /* clients accepted */
    atomic_llong bytes_written;  /* what the monitor managed to send */
    atomic_int finished;         /* the serving thread is done sending */

    /* private */
    int listen_fd;
    int started;
    pthread_t thread;
} fakeMonitor;

/* Creates the socket at m->path (filled in by the caller) and starts the
 * serving thread.  Returns 0 or -1. */
int fakeMonitorStart(fakeMonitor *m);

/* Stops every started monitor, joins the threads, closes everything (the
 * socket files are left for the caller to delete). */
void fakeMonitorStopAll(void);

#endif /* FAKE_MONITOR_H */
