/*
 * xen-module-test.c: drives the built xen backend module directly (dlopen,
 * a stand-in host helper table and sink), over the fixture host tree that
 * make-host.sh builds, so that the backend's semantics are checked without
 * the loader: every kind of domain, every damaged file, lookups, URIs.
 */
#include <config.h>

#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xen-fixture-domains.h"

#include "fake-host.h"

/* The fake host's warning hook: every warning must be the backend's. */
static void
checkWarnDomain(int from, const char *text)
{
    (void)text;
    assert_int_equal(from, VIR_FROM_LIBXL);
}

/* ---- fixture ----------------------------------------------------------- */

static const virtplugBackend *be;
static void *priv;
static char hostDir[] = "/tmp/virtplug-xen-XXXXXX";

static virtplugOpenStatus
openUri(const char *path, const char *root, void **p, char **canon)
{
    virtplugURIParam param = { "root", root };
    virtplugURI uri = {
        .uri = "xen:///test", .scheme = "xen", .server = NULL, .path = path,
        .nparams = root ? 1 : 0, .params = &param,
    };

    *p = NULL;
    *canon = NULL;
    return be->open(&fakeHost, be->data, &uri, VIRTPLUG_OPEN_READONLY, p, canon);
}

static int
setupAll(void **state)
{
    const char *backend_dir = getenv("VIRTPLUG_BACKEND_DIR");
    const char *srcdir = getenv("VIRTPLUG_SRCDIR");
    char path[4096];
    char *canon;
    void *handle;
    virtplugBackendEntryFunc entry;

    (void)state;
    fakeWarnHook = checkWarnDomain;
    if (!backend_dir || !srcdir) {
        fprintf(stderr, "VIRTPLUG_BACKEND_DIR / VIRTPLUG_SRCDIR not set\n");
        return -1;
    }
    if (!mkdtemp(hostDir))
        return -1;
    snprintf(path, sizeof(path), "sh '%s/tests/backends/xen/make-host.sh' '%s'",
             srcdir, hostDir);
    if (system(path) != 0)
        return -1;

    snprintf(path, sizeof(path), "%s/xen.so", backend_dir);
    if (!(handle = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    entry = (virtplugBackendEntryFunc)(size_t)dlsym(handle,
                                                    VIRTPLUG_BACKEND_ENTRY_SYMBOL);
    if (!entry || !(be = entry(&fakeHost)))
        return -1;
    if (openUri("/system", hostDir, &priv, &canon) != VIRTPLUG_OPEN_SUCCESS)
        return -1;
    free(canon);
    return 0;
}

static int
teardownAll(void **state)
{
    char cmd[4200];

    (void)state;
    if (be && priv)
        be->close(&fakeHost, priv);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", hostDir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests --------------------------------------------------------------- */

static void
testDescriptor(void **state)
{
    (void)state;
    assert_int_equal(be->abi_version, VIRTPLUG_BACKEND_ABI_VERSION);
    assert_string_equal(be->name, "xen");
    assert_string_equal(be->hv_type, "Xen");
    assert_string_equal(be->uri_schemes[0], "xen");
    assert_null(be->uri_schemes[1]);
    assert_int_equal(be->groups, VIRTPLUG_ATTR_ACTIVE |
                     VIRTPLUG_ATTR_PERSISTENT | VIRTPLUG_ATTR_STATE |
                     VIRTPLUG_ATTR_MANAGEDSAVE | VIRTPLUG_ATTR_AUTOSTART);
    assert_int_equal(be->groups & (VIRTPLUG_ATTR_SNAPSHOT |
                                   VIRTPLUG_ATTR_CHECKPOINT), 0);
    assert_string_equal(be->probe_uri, "xen:///system");
    assert_int_equal(be->probe_priority, 20);
}

static void
testOpen(void **state)
{
    void *p;
    char *canon;
    char expect[4200];

    (void)state;
    assert_int_equal(openUri("/system", hostDir, &p, &canon),
                     VIRTPLUG_OPEN_SUCCESS);
    snprintf(expect, sizeof(expect), "xen:///system?root=%s", hostDir);
    assert_string_equal(canon, expect);
    be->close(&fakeHost, p);
    free(canon);

    assert_int_equal(openUri(NULL, NULL, &p, &canon), VIRTPLUG_OPEN_SUCCESS);
    assert_string_equal(canon, "xen:///system");
    be->close(&fakeHost, p);
    free(canon);

    fakeReportReset();
    assert_int_equal(openUri("/session", NULL, &p, &canon),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_INTERNAL_ERROR);
    assert_int_equal(openUri("/system", "relative/dir", &p, &canon),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(openUri("/system", "/nonexistent/virtplug", &p, &canon),
                     VIRTPLUG_OPEN_ERROR);
}

static void
testOpenDeclines(void **state)
{
    virtplugURI uri = { .uri = "qemu:///system", .scheme = "qemu",
                        .path = "/system" };
    void *p = NULL;
    char *canon = NULL;

    (void)state;
    assert_int_equal(be->open(&fakeHost, be->data, &uri, 0, &p, &canon), VIRTPLUG_OPEN_DECLINED);
    uri.uri = "xen://remote.example/system";
    uri.scheme = "xen";
    uri.server = "remote.example";
    assert_int_equal(be->open(&fakeHost, be->data, &uri, 0, &p, &canon), VIRTPLUG_OPEN_DECLINED);
}


static void
checkRec(const virtplugDomainRecord *rec, const expectDom *e,
         unsigned int need)
{
    const virtplugDomainInfo *info = &rec->info;

    assert_true((info->known & need) == need);
    assert_int_equal(info->active, e->id >= 0);
    assert_int_equal(info->id, e->id);
    if (need & VIRTPLUG_ATTR_PERSISTENT)
        assert_int_equal(info->persistent, e->persistent);
    if (need & VIRTPLUG_ATTR_STATE)
        assert_int_equal(info->state, e->state);
    if (need & VIRTPLUG_ATTR_MANAGEDSAVE)
        assert_int_equal(info->managed_save, e->managed_save);
    if (need & VIRTPLUG_ATTR_AUTOSTART)
        assert_int_equal(info->autostart, e->autostart);
}

static void
testListAll(void **state)
{
    virtplugDomainSink sink;
    size_t i;

    (void)state;
    fakeSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
                 VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE |
                 VIRTPLUG_ATTR_AUTOSTART);
    fakeReportReset();
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    assert_int_equal(sink.nbadnames, 0);
    for (i = 0; i < sink.n; i++)
        fprintf(stderr, "listed %s\n", sink.recs[i].name);
    assert_int_equal(sink.n, XEN_FIXTURE_NDOMS);
    for (i = 0; i < XEN_FIXTURE_NDOMS; i++) {
        virtplugDomainRecord *rec = fakeSinkFind(&sink, xenFixtureDoms[i].name);

        assert_non_null(rec);
        checkRec(rec, &xenFixtureDoms[i], sink.need);
    }
    /* One warning per damaged file: 9 userdata files, 2 save images, 2
     * autostart entries. */
    assert_int_equal(fakeReportGet()->nwarnings, 13);
    fakeSinkClear(&sink);
}

static void
testListActiveOnly(void **state)
{
    virtplugDomainSink sink;
    size_t i;

    (void)state;
    fakeSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, VIR_CONNECT_LIST_DOMAINS_ACTIVE,
                                        &sink), 0);
    assert_int_equal(sink.nbadnames, 0);
    /* Inactive libvirt domains may be over-reported; xl save images are
     * not even read for an active-only listing. */
    assert_null(fakeSinkFind(&sink, "xl-saved"));
    for (i = 0; i < 6; i++) {
        virtplugDomainRecord *rec = fakeSinkFind(&sink, xenFixtureDoms[i].name);

        assert_non_null(rec);
        assert_true(rec->info.active);
        assert_int_equal(rec->info.id, xenFixtureDoms[i].id);
    }
    fakeSinkClear(&sink);
}

static void
lookupOne(const virtplugDomainKey *key, const char *want)
{
    virtplugDomainSink sink;
    int rc;
    size_t i;

    fakeSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
                 VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE |
                 VIRTPLUG_ATTR_AUTOSTART);
    rc = be->lookup(&fakeHost, priv, key, &sink);
    assert_int_equal(sink.nbadnames, 0);
    if (!want) {
        assert_int_equal(rc, 0);
        fakeSinkClear(&sink);
        return;
    }
    assert_int_equal(rc, 1);
    assert_int_equal(sink.n, 1);
    assert_string_equal(sink.recs[0].name, want);
    for (i = 0; i < XEN_FIXTURE_NDOMS; i++) {
        if (strcmp(xenFixtureDoms[i].name, want) == 0)
            checkRec(&sink.recs[0], &xenFixtureDoms[i], sink.need);
    }
    fakeSinkClear(&sink);
}

static void
testLookupName(void **state)
{
    static const char *const found[] = {
        "lv-running", "lv-transient", "xl-known", "xl-plain", "xl-auto",
        "lv-shutoff", "lv-saved", "xl-saved",
    };
    static const char *const missing[] = {
        "xl-stale", "Domain-0", "bad-json", "bad-nonul", "bad-midnul",
        "bad-huge", "bad-uuid", "other-name", "renamed", "bad-order",
        "nope", "../etc", "",
    };
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_NAME };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
        key.name = found[i];
        lookupOne(&key, found[i]);
    }
    for (i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
        key.name = missing[i];
        lookupOne(&key, NULL);
    }
}

static void
testLookupUUID(void **state)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_UUID };

    (void)state;
    assert_int_equal(fakeHost.uuidParse("7b1a2c3d-0005-4e5f-8a9b-000000000005",
                                   key.uuid), 0);
    key.name = "xl-plain";
    lookupOne(&key, "xl-plain");
    assert_int_equal(fakeHost.uuidParse("7b1a2c3d-000a-4e5f-8a9b-00000000000a",
                                   key.uuid), 0);
    key.name = "xl-saved";
    lookupOne(&key, "xl-saved");
    assert_int_equal(fakeHost.uuidParse("7b1a2c3d-0030-4e5f-8a9b-000000000030",
                                   key.uuid), 0);
    key.name = "xl-stale";
    lookupOne(&key, NULL);
    assert_int_equal(fakeHost.uuidParse("7b1a2c3d-0099-4e5f-8a9b-000000000099",
                                   key.uuid), 0);
    key.name = "bad-uuid";
    lookupOne(&key, NULL);
}

static void
testLookupID(void **state)
{
    virtplugDomainKey key = { .type = VIRTPLUG_KEY_ID };

    (void)state;
    key.id = 1;
    lookupOne(&key, "lv-running");
    key.id = 4;
    lookupOne(&key, "xl-known");
    key.id = 5;
    lookupOne(&key, "xl-plain");
    key.id = 6;
    lookupOne(&key, "xl-auto");
    key.id = 0;
    lookupOne(&key, NULL);
    key.id = 30;
    lookupOne(&key, NULL);
    key.id = 20;
    lookupOne(&key, NULL);
    key.id = -1;
    lookupOne(&key, NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testDescriptor),
        cmocka_unit_test(testOpen),
        cmocka_unit_test(testOpenDeclines),
        cmocka_unit_test(testListAll),
        cmocka_unit_test(testListActiveOnly),
        cmocka_unit_test(testLookupName),
        cmocka_unit_test(testLookupUUID),
        cmocka_unit_test(testLookupID),
    };

    fakeHostEcho = true;    /* warnings and errors show in the log */
    return cmocka_run_group_tests(tests, setupAll, teardownAll);
}
