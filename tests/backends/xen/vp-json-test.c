/*
 * vp-json-test.c: vpJsonParse's size, NUL and depth caps, and
 * vpJsonGetString.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <virtplug/vp-json.h>

static int warnings;

static void
countWarn(int from, const char *fmt, ...)
{
    (void)from;
    (void)fmt;
    warnings++;
}

static const virtplugHost host = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .warn = countWarn,
};

static yajl_val
parse(const char *s, size_t len, unsigned depth, size_t size)
{
    return vpJsonParse(&host, VIR_FROM_LIBXL, s, len, "test", depth, size);
}

static void
testValid(void **state)
{
    static const char *const path[] = { "c_info", "name", NULL };
    static const char *const bad_path[] = { "c_info", "uuid", NULL };
    static const char *const deep_path[] = { "c_info", "name", "x", NULL };
    const char *doc = "{\"c_info\": {\"name\": \"a]b{\\\"\", \"uuid\": 5}}";
    yajl_val v;

    (void)state;
    warnings = 0;
    /* Not NUL-terminated at len: the parser must not read past it. */
    v = parse(doc, strlen(doc), 2, 100);
    assert_non_null(v);
    assert_string_equal(vpJsonGetString(v, path), "a]b{\"");
    assert_null(vpJsonGetString(v, bad_path));    /* a number */
    assert_null(vpJsonGetString(v, deep_path));   /* below a string */
    yajl_tree_free(v);
    assert_int_equal(warnings, 0);
}

static void
testLimits(void **state)
{
    const char *two = "[[1]]";
    const char *nul = "{\"a\": 1}\0{}";
    char *deep;
    size_t n = 1000000, i;
    yajl_val v;

    (void)state;
    warnings = 0;
    assert_null(parse(two, strlen(two), 1, 100));          /* too deep */
    assert_int_equal(warnings, 1);
    v = parse(two, strlen(two), 2, 100);                    /* just fits */
    assert_non_null(v);
    yajl_tree_free(v);
    assert_null(parse(two, strlen(two), 2, 4));             /* too big */
    assert_null(parse(nul, 11, 10, 100));                   /* NUL inside */
    assert_null(parse("{\"a\": ", 6, 10, 100));             /* malformed */
    assert_int_equal(warnings, 4);
    /* A comment could hide a quote from the depth check: refused. */
    {
        const char *hidden = "/* \" */ [[[1]]] /* \" */";

        assert_null(parse(hidden, strlen(hidden), 2, 100));
    }
    assert_int_equal(warnings, 5);

    /* A million nested arrays: refused by the depth check, no crash. */
    deep = malloc(2 * n);
    assert_non_null(deep);
    for (i = 0; i < n; i++) {
        deep[i] = '[';
        deep[n + i] = ']';
    }
    assert_null(parse(deep, 2 * n, VP_JSON_MAX_DEPTH, 4 * n));
    assert_int_equal(warnings, 6);
    free(deep);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testValid),
        cmocka_unit_test(testLimits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
