/*
 * table-test.c: the virsh-compatible table layout (tools/table.c).
 */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "table.h"

static char *
format(const char *const *header, size_t ncols, const char *const *rows,
       size_t nrows, bool withHeader)
{
    vpTable *t = vpTableNew(ncols, header);
    char *out;
    size_t r;

    assert_non_null(t);
    for (r = 0; r < nrows; r++)
        assert_int_equal(vpTableAppend(t, rows + r * ncols), 0);
    out = vpTableFormat(t, withHeader);
    vpTableFree(t);
    assert_non_null(out);
    return out;
}

static const char *const hdr3[] = { "Id", "Name", "State" };

/* virsh -c test:///default list */
static void
test_default_node(void **state)
{
    const char *const rows[] = { "1", "test", "running" };
    char *out = format(hdr3, 3, rows, 1, true);

    (void) state;
    assert_string_equal(out,
        " Id   Name   State\n"
        "----------------------\n"
        " 1    test   running\n");
    free(out);
}

/* an empty list: header widths only, 20 dashes */
static void
test_empty(void **state)
{
    char *out = format(hdr3, 3, NULL, 0, true);

    (void) state;
    assert_string_equal(out, " Id   Name   State\n--------------------\n");
    free(out);
}

/* without the header (-q), header widths do not count */
static void
test_quiet(void **state)
{
    const char *const rows[] = { "1", "a", "running", "-", "bb", "shut off" };
    char *out = format(hdr3, 3, rows, 2, false);

    (void) state;
    assert_string_equal(out, " 1   a    running\n -   bb   shut off\n");
    free(out);
}

/* the last column is not padded, others keep trailing spaces */
static void
test_title_trailing_spaces(void **state)
{
    const char *const hdr[] = { "Id", "Name", "State", "Title" };
    const char *const rows[] = { "1", "x", "running", "", "2", "y", "paused", "t " };
    char *out = format(hdr, 4, rows, 2, true);

    (void) state;
    assert_string_equal(out,
        " Id   Name   State     Title\n"
        "------------------------------\n"
        " 1    x      running   \n"
        " 2    y      paused    t \n");
    free(out);
}

/* double-width characters count twice, combining accents once per base */
static void
test_display_width(void **state)
{
    size_t w;
    char *s;

    (void) state;
    s = vpTableEncodeCell("\xe6\x97\xa5\xe6\x9c\xac", &w);   /* two CJK */
    assert_string_equal(s, "\xe6\x97\xa5\xe6\x9c\xac");
    assert_int_equal(w, 4);
    free(s);
    s = vpTableEncodeCell("caf\xc3\xa9", &w);                /* cafe + acute */
    assert_int_equal(w, 4);
    free(s);
}

/* control characters and a literal "\x" are escaped, 4 columns each */
static void
test_escapes(void **state)
{
    size_t w;
    char *s;

    (void) state;
    s = vpTableEncodeCell("a\tb", &w);
    assert_string_equal(s, "a\\x09b");
    assert_int_equal(w, 6);
    free(s);
    s = vpTableEncodeCell("\\x41", &w);
    assert_string_equal(s, "\\x5cx41");
    assert_int_equal(w, 7);
    free(s);
    s = vpTableEncodeCell("", &w);
    assert_string_equal(s, "");
    assert_int_equal(w, 0);
    free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_node),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_quiet),
        cmocka_unit_test(test_title_trailing_spaces),
        cmocka_unit_test(test_display_width),
        cmocka_unit_test(test_escapes),
    };

    /* the width rules need a UTF-8 locale; C.UTF-8 exists on glibc */
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
