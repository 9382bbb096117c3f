/*
 * vp-libvirt-def-test.c: the SDK's reading of a libvirt domain definition
 * (figures, the document's text, process CPU time), on good and hostile
 * input.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <virtplug/vp-libvirt-def.h>
#include <virtplug/vp-xml.h>
#include "fake-host.h"

/* Figures of a <domain> document; returns vpLibvirtDefFigures' result. */
static int
figures(const char *xml, virtplugDomainDoc *doc)
{
    xmlDocPtr d = vpXmlParse(&fakeHost, VIR_FROM_NONE, xml, strlen(xml), "t.xml");
    int rc;

    assert_non_null(d);
    memset(doc, 0, sizeof(*doc));
    rc = vpLibvirtDefFigures(&fakeHost, VIR_FROM_QEMU, xmlDocGetRootElement(d), doc);
    xmlFreeDoc(d);
    return rc;
}

static void
test_figures_plain(void **state)
{
    virtplugDomainDoc doc;

    (void)state;
    assert_int_equal(figures("<domain><memory unit='KiB'>8388608</memory>"
                             "<currentMemory unit='KiB'>2097152</currentMemory>"
                             "<vcpu placement='static' current='2'>4</vcpu>"
                             "<os><type arch='x86_64'>hvm</type></os></domain>",
                             &doc), 0);
    assert_int_equal(doc.max_memory, 8388608);
    assert_int_equal(doc.memory, 2097152);
    assert_int_equal(doc.max_vcpus, 4);
    assert_int_equal(doc.vcpus, 2);
    assert_string_equal(doc.os_type, "hvm");
    vpDomainDocClear(&doc);
}

static void
test_figures_units_and_defaults(void **state)
{
    virtplugDomainDoc doc;

    (void)state;
    /* MiB; no currentMemory: the maximum; no vcpu: one; no os: "" */
    assert_int_equal(figures("<domain><memory unit='MiB'>32</memory></domain>",
                             &doc), 0);
    assert_int_equal(doc.max_memory, 32768);
    assert_int_equal(doc.memory, 32768);
    assert_int_equal(doc.vcpus, 1);
    assert_int_equal(doc.max_vcpus, 1);
    assert_string_equal(doc.os_type, "");
    vpDomainDocClear(&doc);
    /* bytes round up to whole KiB; decimal GB; current above max is max */
    assert_int_equal(figures("<domain><memory unit='b'>1025</memory>"
                             "<currentMemory unit='GB'>1</currentMemory>"
                             "</domain>", &doc), 0);
    assert_int_equal(doc.max_memory, 2);
    assert_int_equal(doc.memory, 2);
    vpDomainDocClear(&doc);
    assert_int_equal(figures("<domain><memory unit='GB'>1</memory></domain>",
                             &doc), 0);
    assert_int_equal(doc.max_memory, 976563);
    vpDomainDocClear(&doc);
}

static void
test_figures_hostile(void **state)
{
    static const char *const bad[] = {
        "<domain><memory unit='parsecs'>1</memory></domain>",
        "<domain><memory>-1</memory></domain>",
        "<domain><memory>12abc</memory></domain>",
        "<domain><memory></memory></domain>",
        "<domain><memory unit='EiB'>99999999999999999999</memory></domain>",
        "<domain><memory unit='PiB'>99999</memory></domain>",
        "<domain><memory>1</memory><vcpu>many</vcpu></domain>",
        "<domain><memory>1</memory><vcpu current='-1'>2</vcpu></domain>",
        "<domain><memory>1</memory><vcpu>99999999999</vcpu></domain>",
    };
    virtplugDomainDoc doc;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        fakeReportReset();
        assert_int_equal(figures(bad[i], &doc), -1);
        assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
        vpDomainDocClear(&doc);
    }
}

static const char statusDoc[] =
    "<!-- a comment -->\n"
    "<domstatus state='running' reason='booted' pid='1'>\n"
    "  <monitor path='/m' type='unix'/>\n"
    "  <domain type='qemu' id='6'>\n"
    "    <name>t</name>\n"
    "    <devices>\n"
    "      <graphics type='vnc' port='5900' passwd='s3cret'/>\n"
    "      <console type='pty' tty='/dev/pts/3'>\n"
    "        <source path='/dev/pts/3'/>\n"
    "        <target type='serial' port='0'/>\n"
    "      </console>\n"
    "    </devices>\n"
    "  </domain>\n"
    "</domstatus>\n";

static char *
text(const char *buf, unsigned int flags)
{
    return vpLibvirtDefText(buf, strlen(buf), flags);
}

static void
test_text_status(void **state)
{
    char *t;

    (void)state;
    /* the inner <domain>, unindented, no password */
    t = text(statusDoc, 0);
    assert_non_null(t);
    assert_string_equal(t,
        "<domain type='qemu' id='6'>\n"
        "  <name>t</name>\n"
        "  <devices>\n"
        "    <graphics type='vnc' port='5900'/>\n"
        "    <console type='pty' tty='/dev/pts/3'>\n"
        "      <source path='/dev/pts/3'/>\n"
        "      <target type='serial' port='0'/>\n"
        "    </console>\n"
        "  </devices>\n"
        "</domain>\n");
    free(t);
    /* secure keeps it; inactive drops what only the live domain has */
    t = text(statusDoc, VIRTPLUG_DOC_SECURE | VIRTPLUG_DOC_INACTIVE);
    assert_non_null(t);
    assert_string_equal(t,
        "<domain type='qemu'>\n"
        "  <name>t</name>\n"
        "  <devices>\n"
        "    <graphics type='vnc' port='5900' passwd='s3cret'/>\n"
        "    <console type='pty'>\n"
        "      <target type='serial' port='0'/>\n"
        "    </console>\n"
        "  </devices>\n"
        "</domain>\n");
    free(t);
}

static void
test_text_config(void **state)
{
    char *t;

    (void)state;
    t = text("<?xml version='1.0'?>\n<!--\nWARNING <domain x='1'>\n-->\n\n"
             "<domain type='kvm'>\n  <name>c</name>\n</domain>\n",
             VIRTPLUG_DOC_INACTIVE);
    assert_non_null(t);
    assert_string_equal(t, "<domain type='kvm'>\n  <name>c</name>\n</domain>\n");
    free(t);
}

static void
test_text_hostile(void **state)
{
    static const char *const bad[] = {
        "",
        "<!-- never closed",
        "<?xml never closed",
        "<domstatus><domainx/></domstatus>",
        "<domain type='q'><name>cut short",
        "<domstatus>\n  <domain>\n</domstatus>",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_null(text(bad[i], 0));
    /* an embedded NUL is refused, not read past */
    assert_null(vpLibvirtDefText("<domain>\0</domain>", 18, 0));
}

static void
test_cpu_time(void **state)
{
    unsigned long long ns = 0;
    volatile unsigned long spin = 0;

    (void)state;
    /* use CPU until the process has some (two clock ticks' worth) */
    while (clock() < CLOCKS_PER_SEC / 50)
        spin++;
    assert_int_equal(vpProcCpuTime(getpid(), &ns), 0);
    assert_true(ns > 0);
    assert_int_equal(vpProcCpuTime(0, &ns), -1);
    assert_int_equal(vpProcCpuTime(-5, &ns), -1);
    assert_int_equal(vpProcCpuTime(0x7ffffff0, &ns), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_plain),
        cmocka_unit_test(test_figures_units_and_defaults),
        cmocka_unit_test(test_figures_hostile),
        cmocka_unit_test(test_text_status),
        cmocka_unit_test(test_text_config),
        cmocka_unit_test(test_text_hostile),
        cmocka_unit_test(test_cpu_time),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
