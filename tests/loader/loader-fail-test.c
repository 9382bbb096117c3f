/*
 * loader-fail-test.c: broken modules next to a good one.  Each broken
 * module is skipped with its reason; the good one still works; a URI whose
 * scheme no module provides says the backend is not installed.
 *
 * Directory: abi1.so badabi.so fake.so fakedup.so nosym.so short.so x.so (plain
 * text), y.so (a symlink to fake.so), z.so (a directory), README (not a
 * module name).
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/virtplug.h>
#include <virtplug/virtplug-backends.h>
#include "loader-test-util.h"

static char *backendDir;

static const virtplugBackendInfo *
findInfo(const virtplugBackendInfo *info, int n, const char *file)
{
    char path[4096];
    int i;

    snprintf(path, sizeof(path), "%s/%s", backendDir, file);
    for (i = 0; i < n; i++) {
        if (strcmp(info[i].path, path) == 0)
            return &info[i];
    }
    fail_msg("%s not reported", path);
    return NULL;
}

static void
testBackendList(void **state)
{
    virtplugBackendInfo *info = NULL;
    const virtplugBackendInfo *b;
    char want[4200];
    int n;

    (void)state;
    assert_string_equal(virtplugGetBackendDir(), backendDir);
    n = virtplugGetBackends(&info);
    assert_int_equal(n, 9);
    assert_non_null(info);

    /* Sorted by file name. */
    assert_non_null(strstr(info[0].path, "/abi1.so"));
    assert_non_null(strstr(info[1].path, "/badabi.so"));
    assert_non_null(strstr(info[6].path, "/x.so"));
    assert_non_null(strstr(info[8].path, "/z.so"));

    b = findInfo(info, n, "y.so");
    assert_null(b->name);
    assert_string_equal(b->error, "not a regular file");
    b = findInfo(info, n, "z.so");
    assert_string_equal(b->error, "not a regular file");
    b = findInfo(info, n, "short.so");
    assert_int_equal(b->abi, 2);
    assert_non_null(strstr(b->error, "descriptor size 16, expected at "
                           "least "));

    b = findInfo(info, n, "fake.so");
    assert_null(b->error);
    assert_string_equal(b->name, "fake");
    assert_int_equal(b->abi, 2);
    assert_string_equal(b->schemes[0], "fake");
    assert_null(b->schemes[1]);
    assert_int_equal(b->groups, 0x7f);

    b = findInfo(info, n, "badabi.so");
    assert_null(b->name);
    assert_null(b->schemes);
    assert_int_equal(b->abi, 7);
    assert_string_equal(b->error, "built for backend ABI version 7, but this "
                        "virtplug loads ABI version 2 only");

    /* A module of the first ABI is refused by its entry's name. */
    b = findInfo(info, n, "abi1.so");
    assert_null(b->name);
    assert_int_equal(b->abi, 1);
    assert_string_equal(b->error, "built for backend ABI version 1, but this "
                        "virtplug loads ABI version 2 only (rebuild it "
                        "against the current virtplug-backend.h)");

    b = findInfo(info, n, "nosym.so");
    assert_int_equal(b->abi, 0);
    assert_string_equal(b->error, "no symbol virtplug_backend_entry_v2");

    b = findInfo(info, n, "fakedup.so");
    assert_null(b->name);
    snprintf(want, sizeof(want), "duplicate backend name 'fake' (already "
             "provided by %s/fake.so)", backendDir);
    assert_string_equal(b->error, want);

    b = findInfo(info, n, "x.so");
    assert_null(b->name);
    assert_non_null(b->error);
    assert_non_null(strstr(b->error, "x.so"));   /* dlerror names the file */

    virtplugFreeBackends(info, n);

    assert_int_equal(virtplugGetBackends(NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
}

static void
testGoodModuleWorks(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default");
    unsigned long ver = 0, libVer = 0;
    char *uri;

    (void)state;
    assert_non_null(conn);
    assert_int_equal(virConnectListAllDomains(conn, NULL, 0), 100);
    assert_string_equal(virConnectGetType(conn), "FAKE");
    assert_non_null(uri = virConnectGetURI(conn));
    assert_string_equal(uri, "fake:///default");
    free(uri);
    assert_int_equal(virConnectGetLibVersion(conn, &libVer), 0);
    assert_int_equal(libVer, VIRTPLUG_VERSION_NUMBER);
    assert_int_equal(virConnectIsAlive(conn), 1);
    assert_int_equal(virConnectClose(conn), 0);

    assert_int_equal(virGetVersion(&libVer, "FAKE", &ver), 0);
    assert_int_equal(ver, 1002003);
    assert_int_equal(virGetVersion(&libVer, "fake", &ver), 0);
    assert_int_equal(virGetVersion(&libVer, NULL, &ver), 0);
    assert_int_equal(virGetVersion(&libVer, "xen", &ver), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
    assert_int_equal(virGetVersion(&libVer, NULL, NULL), 0);
    assert_int_equal(libVer, VIRTPLUG_VERSION_NUMBER);
}

/* The duplicate's own scheme is not served either: the module is out. */
static void
testMissingScheme(void **state)
{
    char want[8192];
    const char *msg;

    (void)state;
    assert_null(virConnectOpen("xen:///system"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    msg = virGetLastErrorMessage();
    snprintf(want, sizeof(want),
             "no connection driver available for xen:///system: the xen "
             "backend is not installed (no module in %s provides scheme "
             "'xen'); skipped: %s/abi1.so (built for backend ABI version 1, "
             "but this virtplug loads ABI version 2 only (rebuild it against "
             "the current virtplug-backend.h)), %s/badabi.so (built for "
             "backend ABI version 7, but this virtplug loads ABI version 2 "
             "only), "
             "%s/fakedup.so (duplicate backend name 'fake' (already "
             "provided by %s/fake.so)), %s/nosym.so (no symbol "
             "virtplug_backend_entry_v2), %s/short.so (descriptor size 16, "
             "expected at least ",
             backendDir, backendDir, backendDir, backendDir, backendDir,
             backendDir, backendDir);
    if (strncmp(msg, want, strlen(want)) != 0)
        fail_msg("got  '%s'\nwant '%s...'", msg, want);

    assert_null(virConnectOpen("fakedup:///default"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_non_null(strstr(virGetLastErrorMessage(),
                           "the fakedup backend is not installed"));

    /* xen:// is libvirt's alias of xen:///system. */
    assert_null(virConnectOpen("xen://"));
    assert_non_null(strstr(virGetLastErrorMessage(), "for xen:///system:"));
}

/* DECLINED by every backend: libvirt's plain message. */
static void
testDeclined(void **state)
{
    (void)state;
    assert_null(virConnectOpen("fake:///default?decline=1"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_string_equal(virGetLastErrorMessage(),
                        "no connection driver available for "
                        "fake:///default?decline=1");
    assert_null(virConnectOpen("fake:///default?fail=1"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_OPEN_FAILED);
}

/* No URI, no VIRTPLUG_DEFAULT_URI, no backend with a probe. */
static void
testNoDefault(void **state)
{
    virConnectPtr conn;
    char **uris;

    (void)state;
    assert_null(virConnectOpen(NULL));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_non_null(strstr(virGetLastErrorMessage(), "pass one with -c"));
    assert_null(virConnectOpen(""));

    setenv("VIRTPLUG_DEFAULT_URI", "fake:///default?warn=0", 1);
    assert_non_null(conn = virConnectOpen(NULL));
    assert_int_equal(virConnectClose(conn), 0);
    unsetenv("VIRTPLUG_DEFAULT_URI");

    /* The probe of a loaded backend gives its URI. */
    setenv("FAKE_PROBE", "fake", 1);
    assert_non_null(conn = virConnectOpen(NULL));
    assert_int_equal(virConnectNumOfDomains(conn), 84);
    assert_int_equal(virConnectClose(conn), 0);
    assert_int_equal(virtplugProbeURIs(&uris), 1);
    assert_string_equal(uris[0], "fake:///default");
    assert_null(uris[1]);
    free(uris[0]);
    free(uris);
    /* A skipped module (fakedup) is never probed. */
    setenv("FAKE_PROBE", "fakedup", 1);
    assert_null(virConnectOpen(NULL));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_int_equal(virtplugProbeURIs(&uris), 0);
    assert_null(uris[0]);
    free(uris);
    unsetenv("FAKE_PROBE");
    assert_int_equal(virtplugProbeURIs(NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
}

int
main(void)
{
    static const char *const modules[] = {
        "abi1", "badabi", "fake", "fakedup", "nosym", "short", NULL
    };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testBackendList),
        cmocka_unit_test(testGoodModuleWorks),
        cmocka_unit_test(testMissingScheme),
        cmocka_unit_test(testDeclined),
        cmocka_unit_test(testNoDefault),
    };
    int ret;

    char path[4096], target[4096];

    backendDir = ltSetupBackendDir(modules, true);
    snprintf(target, sizeof(target), "%s/fake.so", backendDir);
    snprintf(path, sizeof(path), "%s/y.so", backendDir);
    if (symlink(target, path) < 0)
        return 99;
    snprintf(path, sizeof(path), "%s/z.so", backendDir);
    if (mkdir(path, 0700) < 0)
        return 99;
    snprintf(path, sizeof(path), "%s/README", backendDir);
    if (symlink(target, path) < 0)
        return 99;
    ltCaptureErrors();
    ret = cmocka_run_group_tests(tests, NULL, NULL);
    snprintf(path, sizeof(path), "%s/z.so", backendDir);
    rmdir(path);
    ltRemoveBackendDir(backendDir);
    return ret;
}
