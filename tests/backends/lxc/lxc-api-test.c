/*
 * lxc-api-test.c: the lxc backend through the public API (libvirtplug) on
 * examples/hosts/lxc: what each container is, lookups, the connection's
 * type, and the snapshot, checkpoint and managed-save questions refused
 * with VIR_ERR_NO_SUPPORT: listing filters by the core's filter engine,
 * per-domain calls from VIR_FROM_LXC, as libvirt's LXC driver refuses the
 * calls it lacks.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/utsname.h>

#include <virtplug/virtplug.h>

static virConnectPtr conn;

static void
quietErrors(void *opaque, virErrorPtr err)
{
}

static int
setupAll(void **state)
{
    const char *srcdir = getenv("VIRTPLUG_SRCDIR");
    char uri[4200];

    if (!srcdir)
        return -1;
    virSetErrorFunc(NULL, quietErrors);
    snprintf(uri, sizeof(uri), "lxc:///system?root=%s/examples/hosts/lxc",
             srcdir);
    if (!(conn = virConnectOpenReadOnly(uri))) {
        fprintf(stderr, "open %s: %s\n", uri, virGetLastErrorMessage());
        return -1;
    }
    return 0;
}

static int
teardownAll(void **state)
{
    return conn && virConnectClose(conn) == 0 ? 0 : -1;
}

/* The number of domains a listing with `flags` gives (-1: it failed). */
static int
countWith(unsigned int flags)
{
    virDomainPtr *doms = NULL;
    int i, n = virConnectListAllDomains(conn, &doms, flags);

    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return n;
}

static void
testListing(void **state)
{
    assert_int_equal(countWith(0), 8);
    assert_int_equal(countWith(VIR_CONNECT_LIST_DOMAINS_ACTIVE), 5);
    assert_int_equal(countWith(VIR_CONNECT_LIST_DOMAINS_TRANSIENT), 2);
    assert_int_equal(countWith(VIR_CONNECT_LIST_DOMAINS_AUTOSTART), 2);
    assert_int_equal(countWith(VIR_CONNECT_LIST_DOMAINS_PAUSED), 2);
    assert_int_equal(countWith(VIR_CONNECT_LIST_DOMAINS_SHUTOFF |
                               VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART), 2);
    assert_string_equal(virConnectGetType(conn), "LXC");
}

/* The hypervisor's version is the running kernel's, as libvirt's LXC driver
 * reports it (tests/interop/libvirt/lxc-matrix.sh checks that it does). */
static void
testVersion(void **state)
{
    struct utsname u;
    unsigned long version = 1, want = 0;
    char *p;
    int i;

    assert_int_equal(uname(&u), 0);
    p = u.release;
    for (i = 0; i < 3; i++) {
        want = want * 1000 + (*p >= '0' && *p <= '9' ? strtoul(p, &p, 10) : 0);
        if (*p == '.')
            p++;
    }
    assert_int_equal(virConnectGetVersion(conn, &version), 0);
    assert_int_equal(version, want);
    assert_true(version >= 2006000);   /* any kernel with containers */
}

static void
testDomains(void **state)
{
    virDomainPtr dom;
    int st, reason, autostart;
    char *title;

    assert_non_null(dom = virDomainLookupByName(conn, "l-transient-paused"));
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_PAUSED);
    assert_int_equal(reason, VIR_DOMAIN_PAUSED_USER);
    assert_int_equal(virDomainIsPersistent(dom), 0);
    assert_int_equal(virDomainGetID(dom), 5);
    virDomainFree(dom);

    assert_non_null(dom = virDomainLookupByID(conn, 3));
    assert_string_equal(virDomainGetName(dom), "l-autostart-running");
    assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
    assert_int_equal(autostart, 1);
    virDomainFree(dom);

    assert_non_null(dom = virDomainLookupByUUIDString(
                        conn, "33333333-0000-4000-8000-000000000001"));
    assert_int_equal(virDomainIsActive(dom), 0);
    assert_non_null(title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE,
                                                 NULL, 0));
    assert_string_equal(title, "Shut off container");
    free(title);
    virDomainFree(dom);

    assert_null(virDomainLookupByName(conn, "l-newonly"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
}

/* The last error is NO_SUPPORT, from `from`, and its text says `what`. */
static void
assertNoSupport(int from, const char *what)
{
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
    assert_int_equal(virGetLastErrorDomain(), from);
    assert_non_null(strstr(virGetLastErrorMessage(), what));
}

static void
testNoSupport(void **state)
{
    static const struct {
        unsigned int flag;
        const char *group;
    } refused[] = {
        { VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, "whether domains have snapshots" },
        { VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "whether domains have snapshots" },
        { VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, "whether domains have checkpoints" },
        { VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, "whether domains have checkpoints" },
        { VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, "a managed save image" },
        { VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, "a managed save image" },
    };
    virDomainPtr dom;
    size_t i;

    for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        assert_int_equal(countWith(refused[i].flag), -1);
        /* the core's filter engine refuses it before the backend runs */
        assertNoSupport(VIR_FROM_NONE, refused[i].group);
        assertNoSupport(VIR_FROM_NONE, "the lxc backend");
    }
    /* the per-domain questions, as libvirt's LXC driver answers them */
    assert_non_null(dom = virDomainLookupByName(conn, "l-shutoff"));
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), -1);
    assertNoSupport(VIR_FROM_LXC, "virDomainHasManagedSaveImage");
    assert_int_equal(virDomainSnapshotNum(dom, 0), -1);
    assertNoSupport(VIR_FROM_LXC, "virDomainSnapshotNum");
    virDomainFree(dom);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testListing),
        cmocka_unit_test(testVersion),
        cmocka_unit_test(testDomains),
        cmocka_unit_test(testNoSupport),
    };

    return cmocka_run_group_tests(tests, setupAll, teardownAll);
}
