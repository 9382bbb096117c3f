/*
 * api-test.c: URIs, the older listing calls, lookups and per-domain
 * queries, on the fake backend.
 */
#include <config.h>

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

static virConnectPtr conn;

static void
expectOpenError(const char *uri, int code, const char *message)
{
    virConnectPtr c = virConnectOpen(uri);

    if (c)
        fail_msg("'%s' opened", uri);
    if (virGetLastErrorCode() != code ||
        strcmp(virGetLastErrorMessage(), message) != 0)
        fail_msg("'%s': got %d '%s', want %d '%s'", uri,
                 virGetLastErrorCode(), virGetLastErrorMessage(), code,
                 message);
}

static void
testBadURIs(void **state)
{
    (void)state;
    expectOpenError("qemu", VIR_ERR_NO_CONNECT,
                    "no connection driver available for URI 'qemu' does "
                    "not include a driver name");
    expectOpenError("://", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI ://");
    expectOpenError(":x", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI :x");
    expectOpenError("1fake:///default", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI 1fake:///default");
    expectOpenError("fake:relative", VIR_ERR_INVALID_ARG,
                    "invalid argument: URI 'fake:relative' has a relative "
                    "path; use fake:///PATH");
    expectOpenError("fake:///default?root=rel/dir", VIR_ERR_INVALID_ARG,
                    "invalid argument: root path 'rel/dir' in URI "
                    "'fake:///default?root=rel/dir' must be absolute");
    expectOpenError("fake:///default?root=", VIR_ERR_INVALID_ARG,
                    "invalid argument: root path '' in URI "
                    "'fake:///default?root=' must be absolute");
    expectOpenError("fake://host/default", VIR_ERR_NO_CONNECT,
                    "no connection driver available for "
                    "fake://host/default: virtplug reads local hosts only "
                    "(remove the server part 'host')");
    expectOpenError("fake:///default?a=%zz", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI "
                    "fake:///default?a=%zz");
    expectOpenError("fake:///default?a=%00", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI "
                    "fake:///default?a=%00");
    expectOpenError("fake:///def ault", VIR_ERR_INTERNAL_ERROR,
                    "internal error: Unable to parse URI fake:///def ault");
    /* The backend sees decoded text: /other is not a path it knows. */
    expectOpenError("fake:///%6fther", VIR_ERR_INVALID_ARG,
                    "invalid argument: unknown path '/other'");
}

static void
testGoodURIs(void **state)
{
    static const char *const good[] = {
        "fake:///default", "FAKE:///default", "fake:///%64efault",
        "fake:///default?root=/abs&x", "fake:", "fake://", "fake:///default#f",
        "fake:///default?root=%2Fabs",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        virConnectPtr c = virConnectOpen(good[i]);
        char *uri;
        if (!c)
            fail_msg("'%s': %s", good[i], virGetLastErrorMessage());
        assert_non_null(uri = virConnectGetURI(c));
        assert_string_equal(uri, "fake:///default");
        free(uri);
        assert_int_equal(virConnectClose(c), 0);
    }
}

static int
expectedCount(bool active)
{
    int i, n = 0;

    for (i = 0; i < FAKE_NDOMAINS; i++)
        n += fakeDomains[i].info.active == active;
    return n;
}

static void
testOldAPIs(void **state)
{
    int nactive = expectedCount(true), ninactive = expectedCount(false);
    int ids[200];
    char *names[200];
    int i, n;

    (void)state;
    assert_int_equal(virConnectNumOfDomains(conn), nactive);
    assert_int_equal(virConnectNumOfDefinedDomains(conn), ninactive);

    memset(ids, 0, sizeof(ids));
    assert_int_equal(virConnectListDomains(conn, ids, 200), nactive);
    for (i = 0; i < nactive; i++)
        assert_in_range(ids[i], 1, FAKE_NDOMAINS);
    /* Truncated to the array, the rest untouched. */
    ids[5] = -42;
    assert_int_equal(virConnectListDomains(conn, ids, 5), 5);
    assert_int_equal(ids[5], -42);
    assert_int_equal(virConnectListDomains(conn, ids, 0), 0);
    assert_int_equal(virConnectListDomains(conn, NULL, 0), 0);
    assert_int_equal(virConnectListDomains(conn, NULL, 3), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_string_equal(virGetLastErrorMessage(),
                        "ids in virConnectListDomains must not be NULL");
    assert_int_equal(virConnectListDomains(conn, ids, -1), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "maxids in virConnectListDomains must be zero or "
                        "greater");
    assert_int_equal(virConnectListDomains(NULL, ids, 3), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_CONN);

    n = virConnectListDefinedDomains(conn, names, 200);
    assert_int_equal(n, ninactive);
    for (i = 0; i < n; i++) {
        int idx;
        assert_int_equal(sscanf(names[i], "dom%d", &idx), 1);
        assert_false(fakeDomains[idx].info.active);
        free(names[i]);
    }
    assert_int_equal(virConnectListDefinedDomains(conn, names, 3), 3);
    for (i = 0; i < 3; i++)
        free(names[i]);
    assert_int_equal(virConnectListDefinedDomains(conn, NULL, 1), -1);
    assert_int_equal(virConnectListDefinedDomains(conn, names, -1), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "maxnames in virConnectListDefinedDomains must be "
                        "zero or greater");
}

static void
testLookups(void **state)
{
    const fakeDomain *running = &fakeDomains[4];   /* active, persistent */
    const fakeDomain *inactive = &fakeDomains[FAKE_NDOMAINS - 1];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr dom;

    (void)state;
    assert_true(running->info.active);
    assert_non_null(dom = virDomainLookupByName(conn, running->name));
    assert_int_equal(virDomainGetID(dom), (unsigned int)running->info.id);
    assert_int_equal(virDomainGetUUID(dom, uuid), 0);
    assert_memory_equal(uuid, running->uuid, VIR_UUID_BUFLEN);
    assert_int_equal(virDomainGetUUIDString(dom, uuidstr), 0);
    assert_int_equal(virDomainFree(dom), 0);

    assert_non_null(dom = virDomainLookupByUUIDString(conn, uuidstr));
    assert_string_equal(virDomainGetName(dom), running->name);
    assert_int_equal(virDomainFree(dom), 0);
    assert_non_null(dom = virDomainLookupByUUID(conn, running->uuid));
    assert_int_equal(virDomainFree(dom), 0);
    assert_non_null(dom = virDomainLookupByID(conn, running->info.id));
    assert_string_equal(virDomainGetName(dom), running->name);
    assert_int_equal(virDomainFree(dom), 0);

    assert_non_null(dom = virDomainLookupByName(conn, inactive->name));
    assert_int_equal(virDomainGetID(dom), (unsigned int)-1);
    assert_int_equal(virDomainIsActive(dom), 0);
    assert_int_equal(virDomainFree(dom), 0);

    assert_null(virDomainLookupByName(conn, "nosuch"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    assert_string_equal(virGetLastErrorMessage(),
                        "Domain not found: no domain with matching name "
                        "'nosuch'");
    assert_null(virDomainLookupByUUIDString(
                    conn, "11111111-2222-3333-4444-555555555555"));
    assert_string_equal(virGetLastErrorMessage(),
                        "Domain not found: no domain with matching uuid "
                        "'11111111-2222-3333-4444-555555555555'");
    assert_null(virDomainLookupByID(conn, 4242));
    assert_string_equal(virGetLastErrorMessage(),
                        "Domain not found: no domain with matching id 4242");
    assert_null(virDomainLookupByID(conn, -1));
    assert_string_equal(virGetLastErrorMessage(),
                        "id in virDomainLookupByID must be zero or greater");
    assert_null(virDomainLookupByUUIDString(conn, "zz"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_null(virDomainLookupByName(conn, NULL));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_null(virDomainLookupByName(NULL, "x"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_CONN);
}

/* Every query on every domain, from a handle made by a plain listing (so
 * most attributes are fetched on demand). */
static void
testQueries(void **state)
{
    virDomainPtr *doms = NULL;
    int n, i;

    (void)state;
    n = virConnectListAllDomains(conn, &doms, 0);
    assert_int_equal(n, FAKE_NDOMAINS);
    for (i = 0; i < n; i++) {
        const fakeDomain *d = NULL;
        int idx, st = -1, reason = -1, autostart = -1;
        char *text;

        assert_int_equal(sscanf(virDomainGetName(doms[i]), "dom%d", &idx), 1);
        d = &fakeDomains[idx];
        assert_int_equal(virDomainIsActive(doms[i]), d->info.active);
        assert_int_equal(virDomainIsPersistent(doms[i]), d->info.persistent);
        assert_int_equal(virDomainGetState(doms[i], &st, &reason, 0), 0);
        assert_int_equal(st, d->info.state);
        assert_int_equal(reason, d->info.reason);
        assert_int_equal(virDomainGetState(doms[i], &st, NULL, 0), 0);
        assert_int_equal(virDomainGetAutostart(doms[i], &autostart), 0);
        assert_int_equal(autostart, d->info.autostart);
        assert_int_equal(virDomainHasManagedSaveImage(doms[i], 0),
                         d->info.managed_save);
        assert_int_equal(virDomainSnapshotNum(doms[i], 0), d->info.snapshots);
        assert_int_equal(virDomainListAllCheckpoints(doms[i], NULL, 0),
                         d->info.checkpoints);

        text = virDomainGetMetadata(doms[i], VIR_DOMAIN_METADATA_TITLE,
                                    NULL, 0);
        if (d->title) {
            assert_non_null(text);
            assert_string_equal(text, d->title);
            free(text);
        } else {
            assert_null(text);
            assert_int_equal(virGetLastErrorCode(),
                             VIR_ERR_NO_DOMAIN_METADATA);
            assert_string_equal(virGetLastErrorMessage(),
                                "metadata not found: Requested metadata "
                                "element is not present");
        }
        text = virDomainGetMetadata(doms[i], VIR_DOMAIN_METADATA_DESCRIPTION,
                                    NULL, 0);
        assert_true((text != NULL) == (d->description != NULL));
        free(text);
    }

    /* Argument checks. */
    assert_int_equal(virDomainGetState(doms[0], NULL, NULL, 0), -1);
    assert_int_equal(virDomainGetState(doms[0], &i, NULL, 1), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "unsupported flags (0x1) in function "
                        "virDomainGetState");
    assert_int_equal(virDomainHasManagedSaveImage(doms[0], 4), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "unsupported flags (0x4) in function "
                        "virDomainHasManagedSaveImage");
    assert_null(virDomainGetMetadata(doms[0], VIR_DOMAIN_METADATA_ELEMENT,
                                     "http://example.org/", 0));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
    assert_null(virDomainGetMetadata(doms[0], 7, NULL, 0));
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid argument: unknown metadata type '7'");
    assert_null(virDomainGetMetadata(doms[0], VIR_DOMAIN_METADATA_TITLE,
                                     "http://x/", 0));
    assert_string_equal(virGetLastErrorMessage(),
                        "uri in virDomainGetMetadata must be NULL");
    {
        virDomainCheckpointPtr *cps = (virDomainCheckpointPtr *)&cps;
        assert_int_equal(virDomainListAllCheckpoints(doms[0], &cps, 0), -1);
        assert_null(cps);
        assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
    }

    for (i = 0; i < n; i++)
        assert_int_equal(virDomainFree(doms[i]), 0);
    free(doms);
}

static int
setup(void **state)
{
    (void)state;
    return (conn = virConnectOpen("fake:///default")) ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    return virConnectClose(conn) == 0 ? 0 : -1;
}

int
main(void)
{
    static const char *const modules[] = { "fake", NULL };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testBadURIs),
        cmocka_unit_test(testGoodURIs),
        cmocka_unit_test(testOldAPIs),
        cmocka_unit_test(testLookups),
        cmocka_unit_test(testQueries),
    };
    char *dir = ltSetupBackendDir(modules, false);
    int ret;

    fakeDomainsInit();
    ltCaptureErrors();
    ret = cmocka_run_group_tests(tests, setup, teardown);
    ltRemoveBackendDir(dir);
    return ret;
}
