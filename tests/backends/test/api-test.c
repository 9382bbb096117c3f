/*
 * api-test.c: the test backend end to end, through libvirtplug's public
 * API (the loader finds backends/.libs/test.so via VIRTPLUG_BACKEND_DIR).
 * Expected values are what libvirt 9.0's test driver gives for the same
 * URIs.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <virtplug/virtplug.h>

static void
quietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static char *
fixtureURI(const char *name)
{
    const char *src = getenv("VIRTPLUG_SRCDIR");
    char *uri;

    assert_true(asprintf(&uri, "test://%s/tests/backends/test/nodes/%s",
                         src ? src : ".", name) > 0);
    return uri;
}

static void
test_default(void **state)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int st = -1, reason = -1, autostart = -1;

    (void)state;
    assert_non_null(conn);
    assert_string_equal(virConnectGetType(conn), "TEST");
    assert_int_equal(virConnectListAllDomains(conn, &doms, 0), 1);
    dom = doms[0];
    assert_null(doms[1]);
    assert_string_equal(virDomainGetName(dom), "test");
    assert_int_equal(virDomainGetID(dom), 1);
    assert_int_equal(virDomainGetUUIDString(dom, uuid), 0);
    assert_string_equal(uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    assert_int_equal(virDomainIsActive(dom), 1);
    assert_int_equal(virDomainIsPersistent(dom), 1);
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, 0);
    assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), 0);
    assert_int_equal(virDomainSnapshotNum(dom, 0), 0);
    assert_int_equal(virDomainListAllCheckpoints(dom, NULL, 0), 0);
    assert_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN_METADATA);
    virDomainFree(dom);
    free(doms);
    assert_int_equal(virConnectClose(conn), 0);
}

static int
countFlags(virConnectPtr conn, unsigned int flags)
{
    return virConnectListAllDomains(conn, NULL, flags);
}

static void
test_full_filters(void **state)
{
    char *uri = fixtureURI("full.xml");
    virConnectPtr conn = virConnectOpenReadOnly(uri);

    (void)state;
    assert_non_null(conn);
    assert_int_equal(countFlags(conn, 0), 16);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE), 12);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE), 4);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_TRANSIENT), 2);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT), 14);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING), 4);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED), 3);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF), 4);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_OTHER), 5);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE), 1);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE), 15);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART), 0);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART), 16);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT), 2);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT), 14);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT), 0);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT), 16);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE |
                                      VIR_CONNECT_LIST_DOMAINS_TRANSIENT |
                                      VIR_CONNECT_LIST_DOMAINS_PAUSED), 1);
    assert_int_equal(countFlags(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE |
                                      VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT), 1);
    assert_int_equal(virConnectNumOfDomains(conn), 12);
    assert_int_equal(virConnectNumOfDefinedDomains(conn), 4);
    assert_int_equal(virConnectClose(conn), 0);
    free(uri);
}

static void
test_full_lookups(void **state)
{
    char *uri = fixtureURI("full.xml");
    virConnectPtr conn = virConnectOpenReadOnly(uri);
    virDomainPtr dom;
    char *title;
    int st, reason;

    (void)state;
    assert_non_null(conn);

    dom = virDomainLookupByName(conn, "fx-running");
    assert_non_null(dom);
    title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    assert_string_equal(title, "The running one");
    free(title);
    title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    assert_string_equal(title, "Runs by default: no test:runstate.");
    free(title);
    virDomainFree(dom);

    dom = virDomainLookupByID(conn, 12);
    assert_non_null(dom);
    assert_string_equal(virDomainGetName(dom), "fx-included");
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_PAUSED);
    assert_int_equal(reason, 0);
    virDomainFree(dom);

    dom = virDomainLookupByUUIDString(conn, "c0000000-0000-4000-8000-00000000000b");
    assert_non_null(dom);
    assert_string_equal(virDomainGetName(dom), "fx-managedsave");
    assert_int_equal(virDomainGetID(dom), (unsigned int)-1);
    assert_int_equal(virDomainIsActive(dom), 0);
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), 1);
    virDomainFree(dom);

    dom = virDomainLookupByName(conn, "fx-snapshots");
    assert_non_null(dom);
    assert_int_equal(virDomainSnapshotNum(dom, 0), 2);
    virDomainFree(dom);

    dom = virDomainLookupByName(conn,
        "fx-\xc3\xbcn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9-\xe8\x99\x9a\xe6\x8b\x9f\xe6\x9c\xba");
    assert_non_null(dom);
    assert_int_equal(virDomainGetID(dom), 11);
    virDomainFree(dom);

    assert_null(virDomainLookupByName(conn, "nope"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    assert_null(virDomainLookupByID(conn, 99));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);

    assert_int_equal(virConnectClose(conn), 0);
    free(uri);
}

static void
test_open_errors(void **state)
{
    char *uri;

    (void)state;
    assert_null(virConnectOpenReadOnly("test:///"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_TEST);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid argument: testOpen: supply a path or use test:///default");

    assert_null(virConnectOpenReadOnly("test:///nonexistent/node.xml"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_XML_ERROR);
    assert_string_equal(virGetLastErrorMessage(),
                        "XML error: failed to parse xml document '/nonexistent/node.xml'");

    /* A directory is no node. */
    uri = fixtureURI("");
    assert_null(virConnectOpenReadOnly(uri));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_XML_ERROR);
    free(uri);

    /* An included file, rather than a node. */
    uri = fixtureURI("full-included.xml");
    assert_null(virConnectOpenReadOnly(uri));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_XML_ERROR);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_XML);
    assert_string_equal(virGetLastErrorMessage(),
                        "XML error: expecting root element of 'node', not 'domain'");
    free(uri);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_full_filters),
        cmocka_unit_test(test_full_lookups),
        cmocka_unit_test(test_open_errors),
    };

    virSetErrorFunc(NULL, quietErrors);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
