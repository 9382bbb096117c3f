/*
 * test-qmp-adversary.c: the QMP client against a monitor run by a guest
 * that took over its QEMU process.
 *
 * virtplug may run as root and reads what such a monitor writes, so every
 * exchange is capped: bytes per message (QMP_READER_MAX_MESSAGE), bytes per
 * monitor (QMP_READER_MAX_BYTES), nesting (QMP_READER_MAX_DEPTH) and time
 * (the caller's deadline).  Each test asserts which cap stopped the monitor
 * and an upper bound on how long that took.  The bounds have wide margins
 * (the suite also runs under valgrind); nothing here waits for time to
 * pass: the fake monitors pace themselves, the test only waits for the
 * client to return.
 */
#include <config.h>

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "qmp-client.h"
#include "fake-monitor.h"

/* Deadline of probes that a cap must stop before it (a capped probe that
 * ran into it would fail with the deadline's error, not the cap's; under
 * valgrind on a loaded machine, reading the 1 MiB budget of a flood of
 * small events has taken 15 s). */
#define LONG_DEADLINE_MS 60000
/* Deadline of probes that only the deadline can stop. */
#define SHORT_DEADLINE_MS 300
/* Upper bound on the time a probe may take past its deadline: one poll()
 * round, under valgrind, on a busy machine. */
#define MARGIN_MS 5000

static char dir[64];
static fakeMonitor *mon;

static long long
nowMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/vpqmpadv.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    fakeMonitorStopAll();
    if (mon) {
        unlink(mon->path);
        free(mon);
        mon = NULL;
    }
    return rmdir(dir);
}

static fakeMonitor *
startMonitor(fakeKind kind)
{
    mon = calloc(1, sizeof(*mon));
    assert_non_null(mon);
    mon->kind = kind;
    mon->drip_ms = 1;
    snprintf(mon->path, sizeof(mon->path), "%s/adversary.qmp", dir);
    assert_int_equal(fakeMonitorStart(mon), 0);
    return mon;
}

/* Probes the monitor; returns the time taken in ms. */
static long long
probe(qmpProbe *p, int deadline_ms)
{
    long long start = nowMs();

    memset(p, 0, sizeof(*p));
    p->path = mon->path;
    qmpProbeAll(p, 1, deadline_ms);
    return nowMs() - start;
}

/* Waits (bounded) until the monitor's thread stopped sending: its write
 * failed because the client closed the connection. */
static void
waitMonitorFinished(void)
{
    long long until = nowMs() + MARGIN_MS;

    while (!atomic_load(&mon->finished) && nowMs() < until)
        poll(NULL, 0, 5);
    assert_true(atomic_load(&mon->finished));
}

/* Small, valid events without end: the per-monitor budget cuts it off,
 * long before the deadline. */
static void
testFlood(void **state)
{
    qmpProbe p;
    long long took;

    (void)state;
    startMonitor(FAKE_EVENT_FLOOD);
    took = probe(&p, LONG_DEADLINE_MS);
    fprintf(stderr, "flood: %lld ms, %s\n", took, p.error);
    assert_int_equal(p.outcome, QMP_PROBE_FAILED);
    assert_non_null(strstr(p.error, "monitor sent more than"));
    assert_true(took < LONG_DEADLINE_MS);
    /* The client closed: the monitor's writes failed soon after. */
    waitMonitorFinished();
    assert_true(atomic_load(&mon->bytes_written) <
                (long long)QMP_READER_MAX_BYTES + (4LL << 20));
}

/* One reply of 100 MB: refused once it is longer than a message may be;
 * read no further than that. */
static void
testHugeReply(void **state)
{
    qmpProbe p;
    long long took;

    (void)state;
    startMonitor(FAKE_HUGE);
    took = probe(&p, LONG_DEADLINE_MS);
    fprintf(stderr, "huge reply: %lld ms, %s\n", took, p.error);
    assert_int_equal(p.outcome, QMP_PROBE_FAILED);
    assert_non_null(strstr(p.error, "a message of more than"));
    assert_true(took < LONG_DEADLINE_MS);
    waitMonitorFinished();
    assert_true(atomic_load(&mon->bytes_written) < 8LL << 20);
}

/* Nesting a million deep: refused at the depth cap. */
static void
testDeep(void **state)
{
    qmpProbe p;
    long long took;

    (void)state;
    startMonitor(FAKE_DEEP);
    took = probe(&p, LONG_DEADLINE_MS);
    assert_int_equal(p.outcome, QMP_PROBE_FAILED);
    assert_non_null(strstr(p.error, "nested too deeply"));
    assert_true(took < LONG_DEADLINE_MS);
}

/* One byte at a time, a reply that never ends: the deadline holds. */
static void
testDribble(void **state)
{
    qmpProbe p;
    long long took;

    (void)state;
    startMonitor(FAKE_DRIBBLE);
    took = probe(&p, SHORT_DEADLINE_MS);
    fprintf(stderr, "dribble: %lld ms, %lld bytes, %s\n", took,
            (long long)atomic_load(&mon->bytes_written), p.error);
    assert_int_equal(p.outcome, QMP_PROBE_FAILED);
    assert_non_null(strstr(p.error, "no complete answer within"));
    assert_true(took < SHORT_DEADLINE_MS + MARGIN_MS);
    assert_false(p.has_name);
    waitMonitorFinished();
}

/* Half a reply, then silence: the deadline holds. */
static void
testUnfinished(void **state)
{
    qmpProbe p;
    long long took;

    (void)state;
    startMonitor(FAKE_UNFINISHED);
    took = probe(&p, SHORT_DEADLINE_MS);
    assert_int_equal(p.outcome, QMP_PROBE_FAILED);
    assert_non_null(strstr(p.error, "no complete answer within"));
    assert_true(took < SHORT_DEADLINE_MS + MARGIN_MS);
    assert_false(p.has_name);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(testFlood, setup, teardown),
        cmocka_unit_test_setup_teardown(testHugeReply, setup, teardown),
        cmocka_unit_test_setup_teardown(testDeep, setup, teardown),
        cmocka_unit_test_setup_teardown(testDribble, setup, teardown),
        cmocka_unit_test_setup_teardown(testUnfinished, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
