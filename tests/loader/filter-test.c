/*
 * filter-test.c: virConnectListAllDomains on the fake backends, for every
 * one of the 65536 flag values, against a reference predicate written here
 * independently of the library's.
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

/* The flag bits a domain satisfies, one per group. */
static unsigned int
refDomainBits(const virtplugDomainInfo *d)
{
    unsigned int bits = 0;

    bits |= d->active ? VIR_CONNECT_LIST_DOMAINS_ACTIVE :
                        VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    bits |= d->persistent ? VIR_CONNECT_LIST_DOMAINS_PERSISTENT :
                            VIR_CONNECT_LIST_DOMAINS_TRANSIENT;
    if (d->state == VIR_DOMAIN_RUNNING)
        bits |= VIR_CONNECT_LIST_DOMAINS_RUNNING;
    else if (d->state == VIR_DOMAIN_PAUSED)
        bits |= VIR_CONNECT_LIST_DOMAINS_PAUSED;
    else if (d->state == VIR_DOMAIN_SHUTOFF)
        bits |= VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
    else
        bits |= VIR_CONNECT_LIST_DOMAINS_OTHER;
    bits |= d->managed_save ? VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE :
                              VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE;
    bits |= d->autostart ? VIR_CONNECT_LIST_DOMAINS_AUTOSTART :
                           VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART;
    bits |= d->snapshots > 0 ? VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT :
                               VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT;
    bits |= d->checkpoints > 0 ? VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT :
                                 VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT;
    return bits;
}

static const unsigned int refGroups[] = {
    0x0003, 0x000c, 0x00f0, 0x0300, 0x0c00, 0x3000, 0xc000,
};

/* A group with no bit set does not filter; otherwise the domain must have
 * one of the group's set bits. */
static bool
refMatch(size_t i, unsigned int flags)
{
    unsigned int bits = refDomainBits(&fakeDomains[i].info);
    size_t g;

    for (g = 0; g < sizeof(refGroups) / sizeof(refGroups[0]); g++) {
        if ((flags & refGroups[g]) && !(flags & refGroups[g] & bits))
            return false;
    }
    return true;
}

static int
domainIndex(virDomainPtr dom)
{
    const char *name = virDomainGetName(dom);
    int idx;

    assert_non_null(name);
    assert_int_equal(sscanf(name, "dom%d", &idx), 1);
    assert_in_range(idx, 0, FAKE_NDOMAINS - 1);
    return idx;
}

/* Lists with flags on conn and compares with the reference. */
static void
checkFlags(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *doms = (virDomainPtr *)&doms;  /* must be reset */
    bool seen[FAKE_NDOMAINS] = { false };
    int expected = 0;
    int n, i;

    for (i = 0; i < FAKE_NDOMAINS; i++)
        expected += refMatch((size_t)i, flags);

    n = virConnectListAllDomains(conn, &doms, flags);
    if (n != expected)
        fail_msg("flags 0x%x: %d domains, expected %d", flags, n, expected);
    assert_non_null(doms);
    assert_null(doms[n]);
    for (i = 0; i < n; i++) {
        int idx = domainIndex(doms[i]);
        if (seen[idx])
            fail_msg("flags 0x%x: dom%03d listed twice", flags, idx);
        if (!refMatch((size_t)idx, flags))
            fail_msg("flags 0x%x: dom%03d does not match", flags, idx);
        seen[idx] = true;
        assert_int_equal(virDomainFree(doms[i]), 0);
    }
    free(doms);

    assert_int_equal(virConnectListAllDomains(conn, NULL, flags), expected);
}

/* The step between the flag values tried: 1, but 7 under valgrind (CI's
 * valgrind step), where all 65536 took two minutes; an odd step still
 * meets every pattern of the low bits, and the gcc and ASan steps try all. */
static unsigned int
flagStep(void)
{
    return getenv("VIRTPLUG_UNDER_VALGRIND") ? 7 : 1;
}

static void
testAllFlags(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default");
    unsigned int flags;

    (void)state;
    assert_non_null(conn);
    for (flags = 0; flags <= 0xffff; flags += flagStep())
        checkFlags(conn, flags);
    assert_int_equal(virConnectClose(conn), 0);
}

static void
testUnknownFlags(void **state)
{
    static const unsigned int bad[] = {
        0x10000, 0x10001, 0x20000 | 0xffff, 0x80000000u, 0xffffffffu,
    };
    virConnectPtr conn = virConnectOpen("fake:///default");
    char want[200];
    size_t i;

    (void)state;
    assert_non_null(conn);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        virDomainPtr *doms = (virDomainPtr *)&doms;
        virErrorPtr err;

        assert_int_equal(virConnectListAllDomains(conn, &doms, bad[i]), -1);
        assert_null(doms);
        assert_non_null(err = virGetLastError());
        assert_int_equal(err->code, VIR_ERR_INVALID_ARG);
        snprintf(want, sizeof(want), "unsupported flags "
                 "(0x%x) in function virConnectListAllDomains",
                 bad[i] & ~0xffffu);
        assert_string_equal(err->message, want);
        assert_int_equal(virConnectListAllDomains(conn, NULL, bad[i]), -1);
    }
    assert_int_equal(virConnectClose(conn), 0);
}

/* The lesser backend has no snapshot or checkpoint group. */
static void
testNoSupport(void **state)
{
    virConnectPtr conn = virConnectOpen("lesser:///default");
    unsigned int flags;

    (void)state;
    assert_non_null(conn);
    for (flags = 0; flags <= 0xffff; flags += flagStep()) {
        virErrorPtr err;
        if (!(flags & 0xf000)) {
            checkFlags(conn, flags);
            continue;
        }
        assert_int_equal(virConnectListAllDomains(conn, NULL, flags), -1);
        assert_non_null(err = virGetLastError());
        assert_int_equal(err->code, VIR_ERR_NO_SUPPORT);
        if (flags & 0x3000)
            assert_string_equal(err->message,
                                "this function is not supported by the "
                                "connection driver: the lesser backend "
                                "cannot tell whether domains have snapshots");
        else
            assert_string_equal(err->message,
                                "this function is not supported by the "
                                "connection driver: the lesser backend "
                                "cannot tell whether domains have "
                                "checkpoints");
    }

    /* The per-domain calls say which API is missing, like libvirt. */
    {
        virDomainPtr dom = virDomainLookupByName(conn, "dom000");
        assert_non_null(dom);
        assert_int_equal(virDomainSnapshotNum(dom, 0), -1);
        assert_string_equal(virGetLastErrorMessage(),
                            "this function is not supported by the "
                            "connection driver: virDomainSnapshotNum");
        assert_int_equal(virDomainListAllCheckpoints(dom, NULL, 0), -1);
        assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
        assert_int_equal(virDomainFree(dom), 0);
    }
    assert_int_equal(virConnectClose(conn), 0);
}

/* A backend that leaves out a needed attribute is a bug the core reports. */
static void
testBackendForgets(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///default?forget=1");
    virDomainPtr *doms = NULL;

    (void)state;
    assert_non_null(conn);
    assert_int_equal(virConnectListAllDomains(conn, &doms, 0), FAKE_NDOMAINS);
    for (int i = 0; doms[i]; i++)
        virDomainFree(doms[i]);
    free(doms);
    assert_int_equal(virConnectListAllDomains(
                         conn, &doms, VIR_CONNECT_LIST_DOMAINS_RUNNING), -1);
    assert_null(doms);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_non_null(strstr(virGetLastErrorMessage(), "the fake backend"));
    assert_int_equal(virConnectClose(conn), 0);
}

int
main(void)
{
    static const char *const modules[] = { "fake", "lesser", NULL };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testAllFlags),
        cmocka_unit_test(testUnknownFlags),
        cmocka_unit_test(testNoSupport),
        cmocka_unit_test(testBackendForgets),
    };
    char *dir = ltSetupBackendDir(modules, false);
    int ret;

    fakeDomainsInit();
    ltCaptureErrors();
    ret = cmocka_run_group_tests(tests, NULL, NULL);
    ltRemoveBackendDir(dir);
    return ret;
}
