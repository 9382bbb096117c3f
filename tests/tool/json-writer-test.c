/*
 * json-writer-test.c: escaping and structure of tools/json-writer.c.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "json-writer.h"

static char *
quoted(const char *s)
{
    vpStrBuf buf = VP_STRBUF_INIT;
    char *out;

    vpJsonAppendQuoted(&buf, s);
    out = vpStrBufSteal(&buf);
    assert_non_null(out);
    return out;
}

static void
test_escape(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "", "\"\"" },
        { "plain", "\"plain\"" },
        { "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
        { "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"" },
        { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
        { "\xe6\x97\xa5 \xf0\x9f\x98\x80", "\"\xe6\x97\xa5 \xf0\x9f\x98\x80\"" },
        { "bad\xff" "end", "\"bad\\ufffdend\"" },
        { "\xc0\xaf", "\"\\ufffd\\ufffd\"" },          /* overlong '/' */
        { "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" }, /* surrogate */
        { "\xe6\x97", "\"\\ufffd\\ufffd\"" },           /* truncated */
    };
    size_t i;

    (void) state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *out = quoted(cases[i].in);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

static void
test_structure(void **state)
{
    vpStrBuf buf = VP_STRBUF_INIT;
    vpJsonWriter w;
    char *out;

    (void) state;
    vpJsonInit(&w, &buf);
    vpJsonBeginArray(&w);
    vpJsonBeginObject(&w);
    vpJsonKey(&w, "name");
    vpJsonString(&w, "a");
    vpJsonKey(&w, "id");
    vpJsonNull(&w);
    vpJsonKey(&w, "n");
    vpJsonInt(&w, -3);
    vpJsonKey(&w, "ok");
    vpJsonBool(&w, true);
    vpJsonEndObject(&w);
    vpJsonBeginObject(&w);
    vpJsonEndObject(&w);
    vpJsonBeginArray(&w);
    vpJsonBool(&w, false);
    vpJsonInt(&w, 1);
    vpJsonEndArray(&w);
    vpJsonEndArray(&w);
    out = vpStrBufSteal(&buf);
    assert_non_null(out);
    assert_string_equal(out,
        "[{\"name\":\"a\",\"id\":null,\"n\":-3,\"ok\":true},{},[false,1]]");
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_structure),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
