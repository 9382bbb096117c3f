/*
 * test-qmp-api.c: standalone QEMU through the public API, end to end:
 * libvirtplug loads the qemu backend, which asks fake monitors.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <virtplug/virtplug.h>

#include "fake-monitor.h"

#define TIMEOUT_MS 500
#define SLACK_MS 500

static char root[40];
static char qmpdir[48];
static int nwarnings;

static long long
nowMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
countWarnings(void *opaque, virErrorPtr err)
{
    (void)opaque;
    if (err && err->level == VIR_ERR_WARNING)
        nwarnings++;
}

static fakeMonitor monitors[4];

static void
startAt(fakeMonitor *m, fakeKind kind, const char *file, const char *name,
        const char *uuid, const char *status)
{
    m->kind = kind;
    snprintf(m->path, sizeof(m->path), "%s/%s", qmpdir, file);
    m->name = name;
    m->uuid = uuid;
    m->status = status;
    assert_int_equal(fakeMonitorStart(m), 0);
}

static int
findState(virDomainPtr *doms, int n, const char *name, int *state,
          int *reason, int *id)
{
    int i;

    for (i = 0; i < n; i++) {
        if (strcmp(virDomainGetName(doms[i]), name) == 0) {
            *id = (int)virDomainGetID(doms[i]);
            return virDomainGetState(doms[i], state, reason, 0);
        }
    }
    return -1;
}

static void
testList(void **state)
{
    char uri[300];
    virConnectPtr conn;
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    long long start, elapsed;
    int n, i, st, reason, id;
    char uuid[VIR_UUID_STRING_BUFLEN];

    (void)state;
    snprintf(uri, sizeof(uri),
             "qemu:///system?root=%s&qmp_dir=%s&qmp_timeout=%d", root, qmpdir,
             TIMEOUT_MS);
    startAt(&monitors[0], FAKE_GOOD, "good.qmp", "vm-good",
            "21111111-2222-3333-4444-555555555555", "running");
    startAt(&monitors[1], FAKE_BUSY, "busy.qmp", NULL, NULL, NULL);
    startAt(&monitors[2], FAKE_HUGE, "huge.qmp", NULL, NULL, NULL);
    startAt(&monitors[3], FAKE_REFUSED, "gone.qmp", NULL, NULL, NULL);

    virSetErrorFunc(NULL, countWarnings);
    conn = virConnectOpenReadOnly(uri);
    if (!conn)
        fail_msg("cannot open %s: %s", uri, virGetLastErrorMessage());

    start = nowMs();
    n = virConnectListAllDomains(conn, &doms, 0);
    elapsed = nowMs() - start;
    fprintf(stderr, "listing took %lld ms\n", elapsed);
    assert_int_equal(n, 3);
    assert_true(elapsed < TIMEOUT_MS + SLACK_MS);
    /* busy and huge failed, gone was refused. */
    assert_true(nwarnings >= 3);

    assert_int_equal(findState(doms, n, "vm-good", &st, &reason, &id), 0);
    assert_int_equal(st, VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_UNPAUSED);
    assert_int_equal(id, getpid());
    assert_int_equal(findState(doms, n, "busy", &st, &reason, &id), 0);
    assert_int_equal(st, VIR_DOMAIN_NOSTATE);
    assert_int_equal(findState(doms, n, "huge", &st, &reason, &id), 0);
    assert_int_equal(st, VIR_DOMAIN_NOSTATE);
    for (i = 0; i < n; i++) {
        assert_int_equal(virDomainIsActive(doms[i]), 1);
        assert_int_equal(virDomainIsPersistent(doms[i]), 0);
        virDomainFree(doms[i]);
    }
    free(doms);

    /* Only persistent or inactive domains: none of these. */
    assert_int_equal(virConnectListAllDomains(conn, NULL,
                         VIR_CONNECT_LIST_DOMAINS_PERSISTENT), 0);
    assert_int_equal(virConnectListAllDomains(conn, NULL,
                         VIR_CONNECT_LIST_DOMAINS_INACTIVE), 0);

    /* Lookup of a monitor that never speaks: known by its socket. */
    dom = virDomainLookupByName(conn, "busy");
    assert_non_null(dom);
    assert_int_equal(virDomainGetUUIDString(dom, uuid), 0);
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_NOSTATE);
    virDomainFree(dom);
    assert_null(virDomainLookupByName(conn, "gone"));

    virConnectClose(conn);
    virSetErrorFunc(NULL, NULL);
}

static int
setup(void **state)
{
    (void)state;
    snprintf(root, sizeof(root), "%s", "/tmp/vpqapi.XXXXXX");
    if (!mkdtemp(root))
        return -1;
    snprintf(qmpdir, sizeof(qmpdir), "%s/qmp", root);
    return mkdir(qmpdir, 0700);
}

static int
teardown(void **state)
{
    size_t i;

    (void)state;
    fakeMonitorStopAll();
    for (i = 0; i < sizeof(monitors) / sizeof(monitors[0]); i++) {
        if (monitors[i].path[0])
            unlink(monitors[i].path);
    }
    rmdir(qmpdir);
    return rmdir(root);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(testList, setup, teardown),
    };

    if (!getenv("VIRTPLUG_BACKEND_DIR")) {
        fprintf(stderr, "VIRTPLUG_BACKEND_DIR not set: run through make\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
