/*
 * list-flags-test.c: virsh's list flags (tools/list-flags.c) and order
 * (tools/list-sort.c).  The two domain accessors the sort uses are stubbed
 * here, so no backend is needed.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "list-flags.h"
#include "list-sort.h"

struct _virDomain {
    unsigned int id;
    const char *name;
};

unsigned int
virDomainGetID(virDomainPtr dom)
{
    return dom->id;
}

const char *
virDomainGetName(virDomainPtr dom)
{
    return dom->name;
}

#define A VIR_CONNECT_LIST_DOMAINS_ACTIVE
#define I VIR_CONNECT_LIST_DOMAINS_INACTIVE

static unsigned int
flagsOf(vpListSwitches sw)
{
    vpListMode mode;
    const char *err = NULL;

    assert_int_equal(vpListModeBuild(&sw, &mode, &err), 0);
    assert_null(err);
    return mode.flags;
}

static void
test_flags(void **state)
{
    (void) state;
    assert_int_equal(flagsOf((vpListSwitches) { 0 }), A);
    assert_int_equal(flagsOf((vpListSwitches) { .inactive = true }), I);
    assert_int_equal(flagsOf((vpListSwitches) { .all = true }), A | I);
    assert_int_equal(flagsOf((vpListSwitches) { .all = true, .inactive = true }), A | I);
    assert_int_equal(flagsOf((vpListSwitches) { .persistent = true }),
                     A | VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    assert_int_equal(flagsOf((vpListSwitches) { .stateShutoff = true }),
                     I | VIR_CONNECT_LIST_DOMAINS_SHUTOFF);
    assert_int_equal(flagsOf((vpListSwitches) { .stateRunning = true, .stateShutoff = true }),
                     I | VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_RUNNING);
    assert_int_equal(flagsOf((vpListSwitches) { .persistent = true, .transient = true }),
                     A | VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
                     VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    assert_int_equal(flagsOf((vpListSwitches) { .all = true, .withCheckpoint = true,
                                                .withoutSnapshot = true }),
                     A | I | VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT |
                     VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT);
}

static void
test_modes(void **state)
{
    vpListMode mode;
    const char *err = NULL;
    vpListSwitches sw = { .table = true, .name = true };

    (void) state;
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), -1);
    assert_string_equal(err, "Options --table and --name are mutually exclusive");
    sw = (vpListSwitches) { .table = true, .id = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), -1);
    assert_string_equal(err, "Options --table and --id are mutually exclusive");
    sw = (vpListSwitches) { .json = true, .uuid = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), -1);

    sw = (vpListSwitches) { .uuid = true, .table = true, .id = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), -1);
    assert_string_equal(err, "Options --table and --uuid are mutually exclusive");
    sw = (vpListSwitches) { .table = true, .title = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), 0);
    assert_true(mode.table && mode.title);
    sw = (vpListSwitches) { .uuid = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), 0);
    assert_false(mode.table);
    sw = (vpListSwitches) { .title = true };
    assert_int_equal(vpListModeBuild(&sw, &mode, &err), 0);
    assert_true(mode.table && mode.title);
}

static void
test_sort(void **state)
{
    struct _virDomain d[] = {
        { (unsigned int) -1, "beta" }, { 12, "z" }, { (unsigned int) -1, "Alpha" },
        { 3, "y" }, { (unsigned int) -1, "gamma" }, { 100, "a" },
    };
    virDomainPtr list[] = { &d[0], &d[1], &d[2], &d[3], &d[4], &d[5] };
    const char *want[] = { "y", "z", "a", "Alpha", "beta", "gamma" };
    size_t i;

    (void) state;
    vpListSort(list, 6);
    for (i = 0; i < 6; i++)
        assert_string_equal(list[i]->name, want[i]);
    assert_true(vpListCompare(1, "b", 2, "a") < 0);
    assert_true(vpListCompare((unsigned int) -1, "a", 2, "b") > 0);
    assert_int_equal(vpListCompare((unsigned int) -1, "ABC", (unsigned int) -1, "abc"), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_sort),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
