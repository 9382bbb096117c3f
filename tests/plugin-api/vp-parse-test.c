/*
 * vp-parse-test.c: the SDK's UUID and number grammar (libvirt's), its hash
 * index and its path joining, through the installed library's exports.
 */
#include <config.h>

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-index.h>
#include <virtplug/vp-parse.h>

static const unsigned char wantUUID[VIR_UUID_BUFLEN] = {
    0xc7, 0xa5, 0xfd, 0xbd, 0xed, 0xaf, 0x94, 0x55,
    0x92, 0x6a, 0xd6, 0x5c, 0x16, 0xdb, 0x18, 0x09,
};

static void
testUUIDAccepted(void **state)
{
    /* Each form virUUIDParse accepts. */
    static const char *const good[] = {
        "c7a5fdbd-edaf-9455-926a-d65c16db1809",
        "C7A5FDBD-EDAF-9455-926A-D65C16DB1809",
        "c7a5fdbdedaf9455926ad65c16db1809",
        " \t\nc7a5fdbd-edaf-9455-926a-d65c16db1809\r\n\v\f ",
        "c7 a5 fd bd ed af 94 55 92 6a d6 5c 16 db 18 09",
        "-c7a5fdbd--edaf-9455-926a-d65c16db1809",
        "c7-a5-fd-bd-ed-af-94-55-92-6a-d6-5c-16-db-18-09",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        unsigned char uuid[VIR_UUID_BUFLEN];

        memset(uuid, 0, sizeof(uuid));
        if (vpParseUUID(good[i], uuid) != 0)
            fail_msg("refused '%s'", good[i]);
        assert_memory_equal(uuid, wantUUID, VIR_UUID_BUFLEN);
    }
}

static void
testUUIDRefused(void **state)
{
    /* Each form virUUIDParse refuses. */
    static const char *const bad[] = {
        "",
        "   ",
        "c7a5fdbd-edaf-9455-926a-d65c16db180",      /* 31 digits */
        "c7a5fdbd-edaf-9455-926a-d65c16db18090",    /* 33 digits */
        "c7a5fdbd-edaf-9455-926a-d65c16db1809-",    /* '-' after the end */
        "c7a5fdbd-edaf-9455-926a-d65c16db1809x",
        "c7a5fdbd-edaf-9455-926a-d65c16db18g9",
        "c-7a5fdbd-edaf-9455-926a-d65c16db1809",    /* split pair */
        "c7a5fdbd_edaf_9455_926a_d65c16db1809",
        "0xc7a5fdbdedaf9455926ad65c16db1809",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        unsigned char uuid[VIR_UUID_BUFLEN];

        if (vpParseUUID(bad[i], uuid) != -1)
            fail_msg("accepted '%s'", bad[i]);
    }
    assert_int_equal(vpParseUUID(NULL, (unsigned char[VIR_UUID_BUFLEN]){0}),
                     -1);
}

static void
testHexDigit(void **state)
{
    (void)state;
    assert_int_equal(vpHexDigitValue('0'), 0);
    assert_int_equal(vpHexDigitValue('9'), 9);
    assert_int_equal(vpHexDigitValue('a'), 10);
    assert_int_equal(vpHexDigitValue('F'), 15);
    assert_int_equal(vpHexDigitValue('g'), -1);
    assert_int_equal(vpHexDigitValue('\0'), -1);
    assert_int_equal(vpHexDigitValue('/'), -1);
}

static void
testLongLong(void **state)
{
    long long v = 12345;

    (void)state;
    assert_int_equal(vpParseLongLong("42", 0, 100, &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(vpParseLongLong(" \t+7", 0, 100, &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(vpParseLongLong("-5", -10, 10, &v), 0);
    assert_int_equal(v, -5);
    assert_int_equal(vpParseLongLong("-9223372036854775808", LLONG_MIN,
                                     LLONG_MAX, &v), 0);
    assert_true(v == LLONG_MIN);

    v = 12345;
    assert_int_equal(vpParseLongLong(NULL, 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong(" ", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("42 ", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("4x", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("0x10", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("101", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("-1", 0, 100, &v), -1);
    assert_int_equal(vpParseLongLong("9223372036854775808", 0, LLONG_MAX,
                                     &v), -1);
    assert_int_equal(v, 12345);
}

static void
testULongLong(void **state)
{
    unsigned long long v = 12345;

    (void)state;
    assert_int_equal(vpParseULongLong("18446744073709551615", ULLONG_MAX,
                                      &v), 0);
    assert_true(v == ULLONG_MAX);
    assert_int_equal(vpParseULongLong(" +4", 4, &v), 0);
    assert_true(v == 4);

    v = 12345;
    assert_int_equal(vpParseULongLong("18446744073709551616", ULLONG_MAX,
                                      &v), -1);
    assert_int_equal(vpParseULongLong("-1", ULLONG_MAX, &v), -1);
    assert_int_equal(vpParseULongLong(" -0", ULLONG_MAX, &v), -1);
    assert_int_equal(vpParseULongLong("5", 4, &v), -1);
    assert_int_equal(vpParseULongLong("5\n", 10, &v), -1);
    assert_int_equal(vpParseULongLong(NULL, 10, &v), -1);
    assert_true(v == 12345);
}

static void
testHash(void **state)
{
    uint64_t foo;

    (void)state;
    /* FNV-1a test vectors: the function is part of the contract. */
    assert_true(vpHashBytes("", 0, VP_HASH_SEED) == VP_HASH_SEED);
    assert_true(vpHashBytes("a", 1, VP_HASH_SEED) ==
                UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(vpHashBytes("foobar", 6, VP_HASH_SEED) ==
                UINT64_C(0x85944171f73967e8));
    foo = vpHashBytes("foo", 3, VP_HASH_SEED);
    assert_true(vpHashBytes("bar", 3, foo) == UINT64_C(0x85944171f73967e8));
}

typedef struct {
    char **keys;
    size_t n;
} keyArray;

static const void *
keyOf(const void *opaque, size_t pos, size_t *len)
{
    const keyArray *a = opaque;

    *len = strlen(a->keys[pos]);
    return a->keys[pos];
}

static void
testIndex(void **state)
{
    enum { N = 5000 };
    keyArray a = { NULL, 0 };
    vpIndex idx;
    char key[32];
    size_t i;

    (void)state;
    vpIndexInit(&idx, keyOf, &a);
    assert_int_equal(vpIndexFind(&idx, "x", 1), -1);
    for (i = 0; i < N; i++) {
        /* The caller's array moves while the index grows. */
        a.keys = realloc(a.keys, (a.n + 1) * sizeof(*a.keys));
        assert_non_null(a.keys);
        snprintf(key, sizeof(key), "dom%zu", i);
        a.keys[a.n] = strdup(key);
        assert_non_null(a.keys[a.n]);
        assert_int_equal(vpIndexAdd(&idx, a.n), 0);
        a.n++;
    }
    for (i = 0; i < N; i++) {
        snprintf(key, sizeof(key), "dom%zu", i);
        assert_int_equal(vpIndexFind(&idx, key, strlen(key)), (long long)i);
    }
    /* Same bytes, other length: not the same key. */
    assert_int_equal(vpIndexFind(&idx, "dom1", 3), -1);
    assert_int_equal(vpIndexFind(&idx, "dom12x", 6), -1);
    assert_int_equal(vpIndexFind(&idx, "dom5000", 7), -1);

    vpIndexClear(&idx);
    assert_int_equal(vpIndexFind(&idx, "dom1", 4), -1);
    assert_int_equal(vpIndexAdd(&idx, 1), 0);
    assert_int_equal(vpIndexFind(&idx, "dom1", 4), 1);
    vpIndexClear(&idx);
    for (i = 0; i < a.n; i++)
        free(a.keys[i]);
    free(a.keys);
}

static void
assertJoin(char *got, const char *want)
{
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void
testPathJoin(void **state)
{
    (void)state;
    assertJoin(vpPathJoin("/a", "b"), "/a/b");
    assertJoin(vpPathJoin("/a//", "//b"), "/a/b");
    assertJoin(vpPathJoin("", "etc"), "/etc");
    assertJoin(vpPathJoin("/", "etc"), "/etc");
    assertJoin(vpPathJoin("rel", "x/y"), "rel/x/y");
    assertJoin(vpPathJoinExt("/run/libvirt/qemu", "vm", ".xml"),
               "/run/libvirt/qemu/vm.xml");
    assertJoin(vpPathJoinExt("/d/", "n", ""), "/d/n");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testUUIDAccepted),
        cmocka_unit_test(testUUIDRefused),
        cmocka_unit_test(testHexDigit),
        cmocka_unit_test(testLongLong),
        cmocka_unit_test(testULongLong),
        cmocka_unit_test(testHash),
        cmocka_unit_test(testIndex),
        cmocka_unit_test(testPathJoin),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
