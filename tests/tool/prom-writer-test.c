/*
 * prom-writer-test.c: escaping and layout of tools/prom-writer.c.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "prom-writer.h"

static char *
labelled(const char *value)
{
    vpStrBuf buf = VP_STRBUF_INIT;
    vpPromWriter w;
    char *out;

    vpPromInit(&w, &buf);
    vpPromSampleBegin(&w, "m");
    vpPromLabel(&w, "name", value);
    vpPromSampleEnd(&w, 1);
    out = vpStrBufSteal(&buf);
    assert_non_null(out);
    return out;
}

static void
test_label_escape(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "", "m{name=\"\"} 1\n" },
        { "plain", "m{name=\"plain\"} 1\n" },
        { "q\"b\\n\nx", "m{name=\"q\\\"b\\\\n\\nx\"} 1\n" },
        { "caf\xc3\xa9 \xf0\x9f\x98\x80", "m{name=\"caf\xc3\xa9 \xf0\x9f\x98\x80\"} 1\n" },
        { "bad\xff" "end", "m{name=\"bad\xef\xbf\xbd" "end\"} 1\n" },
        { "\xc0\xaf", "m{name=\"\xef\xbf\xbd\xef\xbf\xbd\"} 1\n" },     /* overlong */
        { "\xed\xa0\x80", "m{name=\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"} 1\n" },
        { "cut\xe2\x82", "m{name=\"cut\xef\xbf\xbd\xef\xbf\xbd\"} 1\n" }, /* truncated */
        { "\xf4\x90\x80\x80", "m{name=\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"} 1\n" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *out = labelled(cases[i].in);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

static void
test_family_and_values(void **state)
{
    vpStrBuf buf = VP_STRBUF_INIT;
    vpPromWriter w;
    char *out;

    (void)state;
    vpPromInit(&w, &buf);
    vpPromFamily(&w, "m_x", "gauge", "a \\ b\nc \"q\"");
    vpPromSampleBegin(&w, "m_x");
    vpPromSampleEnd(&w, 0.25);
    vpPromSampleBegin(&w, "m_x");
    vpPromLabel(&w, "a", "1");
    vpPromLabelsRaw(&w, "b=\"2\",c=\"3\"");
    vpPromSampleEnd(&w, -7);
    out = vpStrBufSteal(&buf);
    assert_non_null(out);
    assert_string_equal(out,
                        "# HELP m_x a \\\\ b\\nc \"q\"\n"
                        "# TYPE m_x gauge\n"
                        "m_x 0.25\n"
                        "m_x{a=\"1\",b=\"2\",c=\"3\"} -7\n");
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_escape),
        cmocka_unit_test(test_family_and_values),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
