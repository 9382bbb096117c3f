/*
 * xen-api-test.c: the xen backend through the public API (libvirtplug) on
 * the fixture host tree: every pair of supported listing flags against a
 * reference filter, the snapshot and checkpoint flags refused with
 * VIR_ERR_NO_SUPPORT, and every per-domain query.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xen-fixture-domains.h"

#include <virtplug/virtplug.h>


static virConnectPtr conn;
static char hostDir[] = "/tmp/virtplug-xen-api-XXXXXX";

static void
quietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static int
setupAll(void **state)
{
    const char *srcdir = getenv("VIRTPLUG_SRCDIR");
    char buf[4200];

    (void)state;
    if (!srcdir || !mkdtemp(hostDir))
        return -1;
    snprintf(buf, sizeof(buf), "sh '%s/tests/backends/xen/make-host.sh' '%s'",
             srcdir, hostDir);
    if (system(buf) != 0)
        return -1;
    virSetErrorFunc(NULL, quietErrors);
    snprintf(buf, sizeof(buf), "xen:///system?root=%s", hostDir);
    if (!(conn = virConnectOpenReadOnly(buf))) {
        fprintf(stderr, "open %s: %s\n", buf, virGetLastErrorMessage());
        return -1;
    }
    return 0;
}

static int
teardownAll(void **state)
{
    char cmd[4200];

    (void)state;
    if (conn)
        virConnectClose(conn);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", hostDir);
    return system(cmd) == 0 ? 0 : -1;
}

/* libvirt's filter: groups ANDed, bits within a group ORed. */
static bool
refMatch(const expectDom *d, unsigned int f)
{
    bool active = d->id >= 0;
    unsigned int st;

    if ((f & (VIR_CONNECT_LIST_DOMAINS_ACTIVE |
              VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !((active && (f & VIR_CONNECT_LIST_DOMAINS_ACTIVE)) ||
          (!active && (f & VIR_CONNECT_LIST_DOMAINS_INACTIVE))))
        return false;
    if ((f & (VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
              VIR_CONNECT_LIST_DOMAINS_TRANSIENT)) &&
        !((d->persistent && (f & VIR_CONNECT_LIST_DOMAINS_PERSISTENT)) ||
          (!d->persistent && (f & VIR_CONNECT_LIST_DOMAINS_TRANSIENT))))
        return false;
    switch (d->state) {
    case VIR_DOMAIN_RUNNING:
        st = VIR_CONNECT_LIST_DOMAINS_RUNNING;
        break;
    case VIR_DOMAIN_PAUSED:
        st = VIR_CONNECT_LIST_DOMAINS_PAUSED;
        break;
    case VIR_DOMAIN_SHUTOFF:
        st = VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
        break;
    default:
        st = VIR_CONNECT_LIST_DOMAINS_OTHER;
        break;
    }
    if ((f & (VIR_CONNECT_LIST_DOMAINS_RUNNING |
              VIR_CONNECT_LIST_DOMAINS_PAUSED |
              VIR_CONNECT_LIST_DOMAINS_SHUTOFF |
              VIR_CONNECT_LIST_DOMAINS_OTHER)) && !(f & st))
        return false;
    if ((f & (VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE |
              VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE)) &&
        !((d->managed_save && (f & VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE)) ||
          (!d->managed_save && (f & VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE))))
        return false;
    if ((f & (VIR_CONNECT_LIST_DOMAINS_AUTOSTART |
              VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART)) &&
        !((d->autostart && (f & VIR_CONNECT_LIST_DOMAINS_AUTOSTART)) ||
          (!d->autostart && (f & VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART))))
        return false;
    return true;
}

static void
checkFlags(unsigned int flags)
{
    virDomainPtr *list = NULL;
    bool seen[XEN_FIXTURE_NDOMS] = { false };
    int n, i;
    size_t j, want = 0;

    n = virConnectListAllDomains(conn, &list, flags);
    if (n < 0)
        fail_msg("flags 0x%x: %s", flags, virGetLastErrorMessage());
    for (j = 0; j < XEN_FIXTURE_NDOMS; j++)
        want += refMatch(&xenFixtureDoms[j], flags);
    if ((size_t)n != want)
        fail_msg("flags 0x%x: %d domains, want %zu", flags, n, want);
    for (i = 0; i < n; i++) {
        const char *name = virDomainGetName(list[i]);

        for (j = 0; j < XEN_FIXTURE_NDOMS; j++) {
            if (strcmp(xenFixtureDoms[j].name, name) == 0)
                break;
        }
        if (j == XEN_FIXTURE_NDOMS || !refMatch(&xenFixtureDoms[j], flags) || seen[j])
            fail_msg("flags 0x%x: unexpected %s", flags, name);
        seen[j] = true;
        virDomainFree(list[i]);
    }
    assert_null(list[n]);
    free(list);

    /* Counting only gives the same number. */
    assert_int_equal(virConnectListAllDomains(conn, NULL, flags), n);
}

static void
testListPairs(void **state)
{
    unsigned int a, b;

    (void)state;
    checkFlags(0);
    for (a = 0; a < 12; a++) {
        for (b = a; b < 12; b++)
            checkFlags(1u << a | 1u << b);
    }
}

static void
testRefused(void **state)
{
    static const struct {
        unsigned int flag;
        const char *what;
    } refused[] = {
        { VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, "snapshot" },
        { VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "snapshot" },
        { VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, "checkpoint" },
        { VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, "checkpoint" },
    };
    virDomainPtr *list = NULL;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        unsigned int extra;

        for (extra = 0; extra <= VIR_CONNECT_LIST_DOMAINS_ACTIVE; extra++) {
            const char *msg;

            virResetLastError();
            assert_int_equal(virConnectListAllDomains(
                conn, &list, refused[i].flag | extra), -1);
            assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
            msg = virGetLastErrorMessage();
            if (!strstr(msg, "xen") || !strstr(msg, refused[i].what))
                fail_msg("message '%s' does not name xen and %ss", msg,
                         refused[i].what);
            assert_int_equal(virConnectListAllDomains(
                conn, NULL, refused[i].flag | extra), -1);
        }
    }
}

static void
testQueries(void **state)
{
    size_t i;

    (void)state;
    assert_string_equal(virConnectGetType(conn), "Xen");
    for (i = 0; i < XEN_FIXTURE_NDOMS; i++) {
        const expectDom *d = &xenFixtureDoms[i];
        virDomainPtr dom = virDomainLookupByName(conn, d->name);
        int st = -1, reason = -1, autostart = -1;

        if (!dom)
            fail_msg("%s: %s", d->name, virGetLastErrorMessage());
        assert_int_equal(virDomainIsActive(dom), d->id >= 0);
        assert_int_equal(virDomainGetID(dom), d->id >= 0 ?
                         (unsigned int)d->id : (unsigned int)-1);
        assert_int_equal(virDomainIsPersistent(dom), d->persistent);
        assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
        assert_int_equal(st, d->state);
        assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
        assert_int_equal(autostart, d->autostart);
        assert_int_equal(virDomainHasManagedSaveImage(dom, 0),
                         d->managed_save);

        virResetLastError();
        assert_int_equal(virDomainSnapshotNum(dom, 0), -1);
        assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
        virResetLastError();
        assert_int_equal(virDomainListAllCheckpoints(dom, NULL, 0), -1);
        assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);

        if (d->id >= 0) {
            virDomainPtr byid = virDomainLookupByID(conn, d->id);

            assert_non_null(byid);
            assert_string_equal(virDomainGetName(byid), d->name);
            virDomainFree(byid);
        }
        virDomainFree(dom);
    }
    assert_null(virDomainLookupByName(conn, "xl-stale"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    assert_null(virDomainLookupByName(conn, "Domain-0"));
    assert_null(virDomainLookupByID(conn, 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testListPairs),
        cmocka_unit_test(testRefused),
        cmocka_unit_test(testQueries),
    };

    return cmocka_run_group_tests(tests, setupAll, teardownAll);
}
