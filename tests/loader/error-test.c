/*
 * error-test.c: the error API: per-thread last error, copies, the handler,
 * the connection's copy, and warnings that leave the last error alone.
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
#include "loader-test-util.h"

/* Opened once by the group setup; shared by the threads. */
static virConnectPtr sharedConn;

static void
makeInvalidArg(void)
{
    assert_int_equal(virConnectListAllDomains(sharedConn, NULL, 0x10000), -1);
}

static int
setupConn(void **state)
{
    (void)state;
    return (sharedConn = virConnectOpen("fake:///default")) ? 0 : -1;
}

static int
teardownConn(void **state)
{
    (void)state;
    return virConnectClose(sharedConn) == 0 ? 0 : -1;
}

static void
testNoError(void **state)
{
    virError copy;

    (void)state;
    virResetLastError();
    assert_null(virGetLastError());
    assert_string_equal(virGetLastErrorMessage(), "no error");
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_OK);
    memset(&copy, 0, sizeof(copy));
    assert_int_equal(virCopyLastError(&copy), 0);
    assert_int_equal(virCopyLastError(NULL), -1);
}

static void
testCopies(void **state)
{
    virError copy;
    virErrorPtr saved;
    virErrorPtr err;

    (void)state;
    makeInvalidArg();
    assert_non_null(err = virGetLastError());
    assert_int_equal(err->code, VIR_ERR_INVALID_ARG);
    assert_int_equal(err->level, VIR_ERR_ERROR);

    memset(&copy, 0, sizeof(copy));
    assert_int_equal(virCopyLastError(&copy), VIR_ERR_INVALID_ARG);
    assert_non_null(copy.message);
    assert_ptr_not_equal(copy.message, err->message);
    assert_string_equal(copy.message, err->message);

    assert_non_null(saved = virSaveLastError());
    assert_ptr_not_equal(saved->message, err->message);
    assert_string_equal(saved->message, err->message);

    /* The copies outlive the original. */
    virResetLastError();
    assert_null(virGetLastError());
    assert_string_equal(copy.message,
                        "unsupported flags (0x10000) in "
                        "function virConnectListAllDomains");
    assert_string_equal(saved->message, copy.message);
    virResetError(&copy);
    assert_null(copy.message);
    virFreeError(saved);
    virFreeError(NULL);

    /* With no error, a saved copy is an OK error. */
    assert_non_null(saved = virSaveLastError());
    assert_int_equal(saved->code, VIR_ERR_OK);
    virFreeError(saved);
}

/* A public call resets the error first. */
static void
testResetOnEntry(void **state)
{
    virConnectPtr conn;

    (void)state;
    makeInvalidArg();
    assert_non_null(virGetLastError());
    assert_non_null(conn = virConnectOpen("fake:///default"));
    assert_null(virGetLastError());
    assert_int_equal(virConnectClose(conn), 0);
}

typedef struct {
    pthread_barrier_t *barrier;
    int code;          /* what this thread saw */
} threadData;

static void *
errorThread(void *opaque)
{
    threadData *data = opaque;
    virConnectPtr conn;

    /* Wait until the main thread has set its error. */
    pthread_barrier_wait(data->barrier);
    data->code = virGetLastErrorCode();
    /* Set one here; the main thread checks it kept its own. */
    conn = virConnectOpen("nosuch:///x");
    if (conn)
        virConnectClose(conn);
    pthread_barrier_wait(data->barrier);
    return NULL;
}

static void
testThreads(void **state)
{
    pthread_barrier_t barrier;
    threadData data = { &barrier, -1 };
    pthread_t thread;

    (void)state;
    assert_int_equal(pthread_barrier_init(&barrier, NULL, 2), 0);
    assert_int_equal(pthread_create(&thread, NULL, errorThread, &data), 0);
    makeInvalidArg();
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);
    assert_int_equal(pthread_join(thread, NULL), 0);
    pthread_barrier_destroy(&barrier);

    assert_int_equal(data.code, VIR_ERR_OK);           /* not ours */
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
}

static void
testHandlerAndConn(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default");
    int before = ltErrorCalls();
    virErrorPtr connErr;
    virError copy;

    (void)state;
    assert_non_null(conn);
    connErr = virConnGetLastError(conn);
    assert_non_null(connErr);
    assert_int_equal(connErr->code, VIR_ERR_OK);

    assert_int_equal(virConnectListAllDomains(conn, NULL, 0x20000), -1);
    assert_int_equal(ltErrorCalls(), before + 1);
    assert_int_equal(connErr->code, VIR_ERR_INVALID_ARG);
    memset(&copy, 0, sizeof(copy));
    assert_int_equal(virConnCopyLastError(conn, &copy), VIR_ERR_INVALID_ARG);
    assert_string_equal(copy.message, connErr->message);
    virResetError(&copy);
    virConnResetLastError(conn);
    assert_int_equal(connErr->code, VIR_ERR_OK);

    assert_int_equal(virConnectClose(conn), 0);
    assert_null(virConnGetLastError(conn));   /* closed: not a connection */
}

/* A warning reaches the handler at level WARNING, not the last error. */
static void
testWarning(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default?warn=1");
    int before = ltWarningCalls();
    int errorsBefore = ltErrorCalls();

    (void)state;
    assert_non_null(conn);
    assert_int_equal(virConnectListAllDomains(conn, NULL, 0), 100);
    assert_int_equal(ltWarningCalls(), before + 1);
    assert_int_equal(ltErrorCalls(), errorsBefore);
    assert_string_equal(ltLastWarning(), "fake warning: one item skipped");
    assert_null(virGetLastError());
    assert_int_equal(virConnectClose(conn), 0);
}

int
main(void)
{
    static const char *const modules[] = { "fake", NULL };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testNoError),
        cmocka_unit_test(testCopies),
        cmocka_unit_test(testResetOnEntry),
        cmocka_unit_test(testThreads),
        cmocka_unit_test(testHandlerAndConn),
        cmocka_unit_test(testWarning),
    };
    char *dir = ltSetupBackendDir(modules, false);
    int ret;

    ltCaptureErrors();
    ret = cmocka_run_group_tests(tests, setupConn, teardownConn);
    ltRemoveBackendDir(dir);
    return ret;
}
