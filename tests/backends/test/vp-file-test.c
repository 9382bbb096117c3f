/*
 * vp-file-test.c: vpFileRead and friends on hostile files.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <virtplug/vp-file.h>
#include "fake-host.h"
#include "test-util.h"

static char *tmpdir;

static int
setup(void **state)
{
    (void)state;
    tmpdir = testUtilTempDir();
    fakeReportReset();
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testUtilRemoveTree(tmpdir);
    free(tmpdir);
    return 0;
}

static void
test_regular_file(void **state)
{
    char *path = testUtilWriteFile(tmpdir, "ok.xml", "<a>hello</a>");
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 1024, &buf, &len), VP_FILE_OK);
    assert_int_equal(len, 12);
    assert_string_equal(buf, "<a>hello</a>");
    assert_int_equal(fakeReportGet()->nwarnings, 0);
    free(buf);
    free(path);
}

static void
test_empty_file(void **state)
{
    char *path = testUtilWriteFile(tmpdir, "empty", "");
    char *buf = NULL;
    size_t len = 99;

    (void)state;
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 1024, &buf, &len), VP_FILE_OK);
    assert_int_equal(len, 0);
    assert_non_null(buf);
    assert_string_equal(buf, "");
    free(buf);
    free(path);
}

static void
test_relative_to_dirfd(void **state)
{
    char *path = testUtilWriteFile(tmpdir, "rel.txt", "abc");
    int dfd = open(tmpdir, O_RDONLY | O_DIRECTORY);
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    assert_true(dfd >= 0);
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, dfd, "rel.txt",
                                false, 1024, &buf, &len), VP_FILE_OK);
    assert_string_equal(buf, "abc");
    close(dfd);
    free(buf);
    free(path);
}

static void
test_missing_file(void **state)
{
    char path[4096];
    char *buf = (char *)1;
    size_t len = 0;

    (void)state;
    snprintf(path, sizeof(path), "%s/nope.xml", tmpdir);
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 1024, &buf, &len), VP_FILE_MISSING);
    assert_null(buf);
    /* ENOTDIR counts as missing too. */
    free(testUtilWriteFile(tmpdir, "plain", "x"));
    snprintf(path, sizeof(path), "%s/plain/child", tmpdir);
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 1024, &buf, &len), VP_FILE_MISSING);
    assert_int_equal(fakeReportGet()->nwarnings, 0);
}

static void
test_fifo_does_not_block(void **state)
{
    char path[4096];
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    snprintf(path, sizeof(path), "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    /* No writer: a blocking open would hang here forever. */
    alarm(10);
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                true, 1024, &buf, &len), VP_FILE_ERROR);
    alarm(0);
    assert_null(buf);
    assert_int_equal(fakeReportGet()->nwarnings, 1);
    assert_non_null(strstr(fakeReportGet()->warning, path));
    assert_non_null(strstr(fakeReportGet()->warning, "FIFO"));
}

static void
test_directory_refused(void **state)
{
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, tmpdir,
                                true, 1024, &buf, &len), VP_FILE_ERROR);
    assert_null(buf);
    assert_int_equal(fakeReportGet()->nwarnings, 1);
}

static void
test_symlink(void **state)
{
    char *target = testUtilWriteFile(tmpdir, "target", "secret");
    char link[4096];
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    snprintf(link, sizeof(link), "%s/link", tmpdir);
    assert_int_equal(symlink(target, link), 0);

    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, link,
                                false, 1024, &buf, &len), VP_FILE_ERROR);
    assert_null(buf);
    assert_int_equal(fakeReportGet()->nwarnings, 1);
    assert_non_null(strstr(fakeReportGet()->warning, "symbolic link"));

    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, link,
                                true, 1024, &buf, &len), VP_FILE_OK);
    assert_string_equal(buf, "secret");
    free(buf);
    free(target);
}

static void
test_size_cap(void **state)
{
    char *path = testUtilWriteFile(tmpdir, "ten", "0123456789");
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    /* Exactly at the cap is fine, one byte over is not. */
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 10, &buf, &len), VP_FILE_OK);
    assert_int_equal(len, 10);
    free(buf);
    buf = NULL;
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, 9, &buf, &len), VP_FILE_ERROR);
    assert_null(buf);
    assert_non_null(strstr(fakeReportGet()->warning, "limit"));
    free(path);
}

/* A file that says it is small (st_size 0, like /proc files) but is not:
 * the read loop itself must stop at the cap. */
static void
test_cap_enforced_while_reading(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    struct stat st;

    (void)state;
    if (stat("/proc/self/maps", &st) < 0 || st.st_size != 0)
        skip();
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD,
                                "/proc/self/maps", true, 16, &buf, &len),
                     VP_FILE_ERROR);
    assert_null(buf);
    assert_non_null(strstr(fakeReportGet()->warning, "grew"));

    /* With room, it reads all of it. */
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD,
                                "/proc/self/maps", true, 1 << 24, &buf,
                                &len), VP_FILE_OK);
    assert_true(len > 16);
    assert_int_equal(strlen(buf), len);
    free(buf);
}

static void
test_sparse_gigabyte_refused_fast(void **state)
{
    char path[4096];
    char *buf = NULL;
    size_t len = 0;
    double start;
    int fd;

    (void)state;
    snprintf(path, sizeof(path), "%s/sparse", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0);
    close(fd);

    start = testUtilNow();
    assert_int_equal(vpFileRead(&fakeHost, VIR_FROM_NONE, AT_FDCWD, path,
                                false, VP_FILE_XML_CAP, &buf, &len),
                     VP_FILE_ERROR);
    /* Refused from fstat alone: far below the time to read 1 GiB. */
    assert_true(testUtilNow() - start < 1.0);
    assert_null(buf);
    assert_non_null(strstr(fakeReportGet()->warning, "1073741824"));
}

static void
test_null_host_is_quiet(void **state)
{
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    assert_int_equal(vpFileRead(NULL, VIR_FROM_NONE, AT_FDCWD, tmpdir, true,
                                1024, &buf, &len), VP_FILE_ERROR);
}

static void
test_has_suffix(void **state)
{
    (void)state;
    assert_true(vpHasSuffix("a.xml", ".xml"));
    assert_false(vpHasSuffix(".xml", ".xml"));
    assert_false(vpHasSuffix("a.xm", ".xml"));
    assert_false(vpHasSuffix("xml", ".xml"));
    assert_false(vpHasSuffix(NULL, ".xml"));
}

static void
test_pid_alive(void **state)
{
    pid_t child;
    int status;

    (void)state;
    assert_true(vpPidAlive(getpid()));
    assert_true(vpPidAlive(1));     /* EPERM or alive: both count */
    assert_false(vpPidAlive(0));
    assert_false(vpPidAlive(-5));

    child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    assert_int_equal(waitpid(child, &status, 0), child);
    /* Reaped: the pid is free (reuse within this instant is unlikely). */
    assert_false(vpPidAlive(child));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regular_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relative_to_dirfd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_does_not_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap_enforced_while_reading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparse_gigabyte_refused_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_host_is_quiet, setup, teardown),
        cmocka_unit_test(test_has_suffix),
        cmocka_unit_test(test_pid_alive),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
