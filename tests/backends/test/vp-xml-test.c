/*
 * vp-xml-test.c: vpXmlParse and the element helpers on hostile XML.
 */
#include <config.h>

#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <virtplug/vp-xml.h>
#include "fake-host.h"
#include "test-util.h"

#define TEST_NS "http://libvirt.org/schemas/domain/test/1.0"

static xmlDocPtr
parse(const char *text)
{
    return vpXmlParse(&fakeHost, VIR_FROM_NONE, text, strlen(text), "t.xml");
}

/* Runs parse(text) with stderr sent to a file; returns how many bytes
 * libxml2 (or anyone) wrote there. */
static long
parseStderrBytes(const char *text, xmlDocPtr *doc)
{
    char *dir = testUtilTempDir();
    char path[4096];
    int saved, fd;
    struct stat st;

    snprintf(path, sizeof(path), "%s/stderr", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    *doc = parse(text);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    assert_int_equal(stat(path, &st), 0);
    testUtilRemoveTree(dir);
    free(dir);
    return (long)st.st_size;
}

static void
test_helpers(void **state)
{
    xmlDocPtr doc;
    xmlNodePtr root, el;
    char *s;

    (void)state;
    fakeReportReset();
    doc = parse("<domain type='test' xmlns:t='" TEST_NS "'>"
                "<name>  spaced  </name>"
                "<t:name>namespaced</t:name>"
                "<t:runstate>3</t:runstate>"
                "<title>a<![CDATA[<b>]]>c<x>d</x></title>"
                "<empty/>"
                "</domain>");
    assert_non_null(doc);
    assert_int_equal(fakeReportGet()->nwarnings, 0);
    root = xmlDocGetRootElement(doc);

    /* vpXmlChild ignores namespaced elements; vpXmlChildNs wants one. */
    el = vpXmlChild(root, "name");
    assert_non_null(el);
    assert_null(el->ns);
    assert_null(vpXmlChild(root, "runstate"));
    el = vpXmlChildNs(root, TEST_NS, "runstate");
    assert_non_null(el);
    assert_null(vpXmlChildNs(root, "urn:other", "runstate"));
    assert_null(vpXmlChild(NULL, "name"));

    s = vpXmlChildText(root, "name");
    assert_string_equal(s, "spaced");
    free(s);
    s = vpXmlNodeText(vpXmlChild(root, "name"));
    assert_string_equal(s, "  spaced  ");
    free(s);
    s = vpXmlChildText(root, "title");
    assert_string_equal(s, "a<b>cd");
    free(s);
    s = vpXmlChildText(root, "empty");
    assert_string_equal(s, "");
    free(s);
    assert_null(vpXmlChildText(root, "missing"));

    s = vpXmlProp(root, "type");
    assert_string_equal(s, "test");
    free(s);
    assert_null(vpXmlProp(root, "nope"));
    xmlFreeDoc(doc);
}

static void
test_malformed(void **state)
{
    static const char *const bad[] = {
        "not xml",
        "<a><b></a>",
        "<a>",
        "",
        "<a/><b/>",
        "<?xml version='1.0' encoding='NO-SUCH-ENCODING'?><a/>",
        "<a x='1' x='2'/>",
        "<a>\xff\xfe</a>",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        xmlDocPtr doc;
        const char *w;

        fakeReportReset();
        assert_int_equal(parseStderrBytes(bad[i], &doc), 0);
        assert_null(doc);
        assert_int_equal(fakeReportGet()->nwarnings, 1);
        w = fakeReportGet()->warning;
        /* "t.xml:LINE: MESSAGE" on one line, no libxml2 context dump. */
        assert_true(strncmp(w, "t.xml:", 6) == 0);
        assert_null(strchr(w, '\n'));
        assert_true(strlen(w) > strlen("t.xml:1: "));
    }
}

static void
test_billion_laughs(void **state)
{
    const char *text =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE lolz [\n"
        " <!ENTITY lol 'lol'>\n"
        " <!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>\n"
        " <!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>\n"
        " <!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>\n"
        " <!ENTITY lol4 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>\n"
        " <!ENTITY lol5 '&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;'>\n"
        " <!ENTITY lol6 '&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;'>\n"
        " <!ENTITY lol7 '&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;'>\n"
        " <!ENTITY lol8 '&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;'>\n"
        " <!ENTITY lol9 '&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;'>\n"
        "]>\n"
        "<domain a='&lol9;'><name>&lol9;</name></domain>\n";
    xmlDocPtr doc;
    double start = testUtilNow();

    (void)state;
    fakeReportReset();
    assert_int_equal(parseStderrBytes(text, &doc), 0);
    if (doc) {
        /* Parsed without substitution: the helpers must not expand. */
        xmlNodePtr root = xmlDocGetRootElement(doc);
        char *s = vpXmlChildText(root, "name");
        char *a = vpXmlProp(root, "a");

        assert_true(!s || strlen(s) < 1000);
        assert_true(!a || strlen(a) < 1000);
        free(s);
        free(a);
        xmlFreeDoc(doc);
    } else {
        assert_int_equal(fakeReportGet()->nwarnings, 1);
    }
    assert_true(testUtilNow() - start < 10.0);
}

/* A smaller expansion the parser's limits let through: still no
 * expansion by our helpers. */
static void
test_small_laughs_not_expanded(void **state)
{
    const char *text =
        "<!DOCTYPE d [\n"
        " <!ENTITY a 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'>\n"
        " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
        "]>\n"
        "<d v='&b;'><name>&b;</name></d>";
    xmlDocPtr doc;
    char *s;

    (void)state;
    fakeReportReset();
    doc = parse(text);
    if (!doc)
        return;     /* refusing it is fine too */
    s = vpXmlChildText(xmlDocGetRootElement(doc), "name");
    assert_non_null(s);
    assert_null(strstr(s, "xxxxxxxxxx"));
    free(s);
    s = vpXmlProp(xmlDocGetRootElement(doc), "v");
    assert_true(!s || !strstr(s, "xxxxxxxxxx"));
    free(s);
    xmlFreeDoc(doc);
}

static char *
readSmallFile(const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf = calloc(1, 4096);

    assert_non_null(buf);
    if (fp) {
        size_t n = fread(buf, 1, 4095, fp);
        buf[n] = '\0';
        fclose(fp);
    }
    return buf;
}

static void
test_external_entities(void **state)
{
    char *dir = testUtilTempDir();
    char *secret = testUtilWriteFile(dir, "secret", "TOP-SECRET-CONTENT\n");
    char *docs[4];
    size_t i;
    char *passwd = readSmallFile("/etc/passwd");

    (void)state;
    assert_true(asprintf(&docs[0],
                         "<!DOCTYPE d [<!ENTITY x SYSTEM 'file://%s'>]>"
                         "<d><name>&x;</name></d>", secret) > 0);
    assert_true(asprintf(&docs[1],
                         "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                         "<d><name>&x;</name></d>") > 0);
    assert_true(asprintf(&docs[2],
                         "<!DOCTYPE d SYSTEM 'file://%s'><d><name>n</name></d>",
                         secret) > 0);
    assert_true(asprintf(&docs[3],
                         "<!DOCTYPE d [<!ENTITY %% p SYSTEM 'file://%s'> %%p;]>"
                         "<d><name>n</name></d>", secret) > 0);

    for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        xmlDocPtr doc;

        fakeReportReset();
        assert_int_equal(parseStderrBytes(docs[i], &doc), 0);
        if (doc) {
            xmlChar *dump = NULL;
            int dumplen = 0;
            char *s = vpXmlChildText(xmlDocGetRootElement(doc), "name");

            assert_non_null(s);
            assert_null(strstr(s, "TOP-SECRET"));
            assert_null(strstr(s, "root:"));
            free(s);
            /* Nothing of the file made it anywhere into the tree. */
            xmlDocDumpMemory(doc, &dump, &dumplen);
            assert_null(strstr((char *)dump, "TOP-SECRET"));
            if (passwd[0])
                assert_null(strstr((char *)dump, "root:x:"));
            xmlFree(dump);
            xmlFreeDoc(doc);
        }
        free(docs[i]);
    }
    free(passwd);
    free(secret);
    testUtilRemoveTree(dir);
    free(dir);
}

static void
test_deep_nesting_refused(void **state)
{
    size_t depth = 100000, i;
    char *text = malloc(depth * 7 + 1);
    char *p = text;
    xmlDocPtr doc;

    (void)state;
    for (i = 0; i < depth; i++) {
        memcpy(p, "<a>", 3);
        p += 3;
    }
    for (i = 0; i < depth; i++) {
        memcpy(p, "</a>", 4);
        p += 4;
    }
    *p = '\0';
    fakeReportReset();
    doc = vpXmlParse(&fakeHost, VIR_FROM_NONE, text, strlen(text), "deep");
    assert_null(doc);
    assert_int_equal(fakeReportGet()->nwarnings, 1);
    free(text);
}

static void
test_null_host(void **state)
{
    (void)state;
    assert_null(vpXmlParse(NULL, VIR_FROM_NONE, "<", 1, NULL));
    assert_null(vpXmlParse(NULL, VIR_FROM_NONE, NULL, 0, NULL));
}

/* Threads parse good and bad documents at once; every thread sees its own
 * results and its own warnings. */
static void *
parseMany(void *arg)
{
    intptr_t n = (intptr_t)arg;
    int i;

    fakeReportReset();
    for (i = 0; i < 200; i++) {
        char text[128];
        xmlDocPtr doc;

        if (i % 2) {
            snprintf(text, sizeof(text), "<d><name>t%ld-%d</name></d>",
                     (long)n, i);
            doc = parse(text);
            if (!doc)
                return (void *)1;
            {
                char *s = vpXmlChildText(xmlDocGetRootElement(doc), "name");
                char want[64];

                snprintf(want, sizeof(want), "t%ld-%d", (long)n, i);
                if (!s || strcmp(s, want) != 0) {
                    free(s);
                    xmlFreeDoc(doc);
                    return (void *)1;
                }
                free(s);
            }
            xmlFreeDoc(doc);
        } else {
            if (parse("<d><oops></d>"))
                return (void *)1;
        }
    }
    return fakeReportGet()->nwarnings == 100 ? NULL : (void *)1;
}

static void
test_threads(void **state)
{
    pthread_t th[4];
    intptr_t i;

    (void)state;
    for (i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, parseMany, (void *)i), 0);
    for (i = 0; i < 4; i++) {
        void *rv = (void *)1;

        assert_int_equal(pthread_join(th[i], &rv), 0);
        assert_null(rv);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_small_laughs_not_expanded),
        cmocka_unit_test(test_external_entities),
        cmocka_unit_test(test_deep_nesting_refused),
        cmocka_unit_test(test_null_host),
        cmocka_unit_test(test_threads),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
