/*
 * concurrency-test.c: one connection used from four threads at once, and
 * reference counting of connections and domains (including a double free,
 * which must be an error, not a crash).
 */
#include <config.h>

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <virtplug/virtplug.h>
#include "fake-domains.h"
#include "loader-test-util.h"

#define NTHREADS 4
#define ROUNDS 200

typedef struct {
    virConnectPtr conn;
    virDomainPtr shared;       /* one handle queried by every thread */
    int failures;
} threadData;

static void *
listThread(void *opaque)
{
    threadData *data = opaque;
    int round;

    for (round = 0; round < ROUNDS; round++) {
        virDomainPtr *doms = NULL;
        unsigned int flags = (unsigned int)round * 0x1357u & 0xffffu;
        int n, i, expected = 0, state = -1, reason = -1;
        bool seen[FAKE_NDOMAINS] = { false };

        if ((n = virConnectListAllDomains(data->conn, &doms, 0)) !=
            FAKE_NDOMAINS)
            data->failures++;
        for (i = 0; n > 0 && i < n; i++) {
            int idx = -1;
            if (sscanf(virDomainGetName(doms[i]), "dom%d", &idx) != 1 ||
                idx < 0 || idx >= FAKE_NDOMAINS || seen[idx])
                data->failures++;
            else
                seen[idx] = true;
            /* Fetched from the backend on demand, from many threads. */
            if (virDomainGetState(doms[i], &state, &reason, 0) < 0 ||
                (idx >= 0 && idx < FAKE_NDOMAINS &&
                 state != fakeDomains[idx].info.state))
                data->failures++;
            virDomainFree(doms[i]);
        }
        free(doms);

        for (i = 0; i < FAKE_NDOMAINS; i++) {
            const virtplugDomainInfo *d = &fakeDomains[i].info;
            if ((flags & 3) == 1 && !d->active)
                continue;
            if ((flags & 3) == 2 && d->active)
                continue;
            expected++;
        }
        if (virConnectListAllDomains(data->conn, NULL, flags & 3) != expected)
            data->failures++;
        if (virDomainIsPersistent(data->shared) < 0 ||
            virDomainSnapshotNum(data->shared, 0) < 0 ||
            virDomainHasManagedSaveImage(data->shared, 0) < 0)
            data->failures++;
    }
    return NULL;
}

static void
testConcurrentList(void **state)
{
    threadData data[NTHREADS];
    pthread_t threads[NTHREADS];
    virConnectPtr conn = virConnectOpen("fake:///default");
    virDomainPtr shared;
    int i;

    (void)state;
    assert_non_null(conn);
    assert_non_null(shared = virDomainLookupByName(conn, "dom005"));
    for (i = 0; i < NTHREADS; i++) {
        data[i].conn = conn;
        data[i].shared = shared;
        data[i].failures = 0;
        assert_int_equal(pthread_create(&threads[i], NULL, listThread,
                                        &data[i]), 0);
    }
    for (i = 0; i < NTHREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(data[i].failures, 0);
    }
    assert_int_equal(virDomainFree(shared), 0);
    assert_int_equal(virConnectClose(conn), 0);
}

static void
testRefCounts(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default");
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    int n, i;

    (void)state;
    assert_non_null(conn);
    assert_int_equal(virConnectRef(conn), 0);
    assert_int_equal(virConnectClose(conn), 1);

    n = virConnectListAllDomains(conn, &doms, 0);
    assert_int_equal(n, FAKE_NDOMAINS);
    /* Every domain holds the connection. */
    assert_int_equal(virConnectClose(conn), n);
    assert_ptr_equal(virDomainGetConnect(doms[0]), conn);

    dom = doms[0];
    assert_int_equal(virDomainRef(dom), 0);
    assert_int_equal(virDomainFree(dom), 0);
    assert_string_equal(virDomainGetName(dom), "dom000");   /* still held */
    for (i = 0; i < n; i++)
        assert_int_equal(virDomainFree(doms[i]), 0);
    free(doms);
    /* The last domain took the connection with it. */

    /* Freed twice, closed twice, NULL, bogus: errors, never a crash. */
    assert_int_equal(virDomainFree(dom), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_DOMAIN);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid domain pointer in virDomainFree");
    assert_null(virDomainGetName(dom));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_DOMAIN);
    assert_int_equal(virDomainFree(NULL), -1);
    assert_int_equal(virDomainFree((virDomainPtr)&n), -1);
    assert_int_equal(virDomainIsActive((virDomainPtr)&n), -1);
    assert_int_equal(virConnectClose(conn), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_CONN);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid connection pointer in virConnectClose");
    assert_int_equal(virConnectListAllDomains(NULL, &doms, 0), -1);
    assert_null(doms);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid connection pointer in "
                        "virConnectListAllDomains");
    /* A domain pointer is not a connection pointer. */
    assert_int_equal(virConnectClose((virConnectPtr)&n), -1);
}

int
main(void)
{
    static const char *const modules[] = { "fake", NULL };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testConcurrentList),
        cmocka_unit_test(testRefCounts),
    };
    char *dir = ltSetupBackendDir(modules, false);
    int ret;

    fakeDomainsInit();
    ltCaptureErrors();
    ret = cmocka_run_group_tests(tests, NULL, NULL);
    ltRemoveBackendDir(dir);
    return ret;
}
