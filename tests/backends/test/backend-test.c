/*
 * backend-test.c: the test backend module on its own, driven through the
 * backend contract with a mock host (no loader needed).
 *
 * Expected errors were taken from libvirt 9.0's test driver
 * (virConnectOpen on the same documents).
 */
#include <config.h>

#include <dlfcn.h>
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

#include "fake-host.h"
#include "test-util.h"

#define NS "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"
#define OS "<memory unit='MiB'>32</memory><os><type>hvm</type></os>"
#define SNAP(name, extra) \
    "<test:domainsnapshot><name>" name "</name><state>running</state>" \
    "<creationTime>1</creationTime>" extra "</test:domainsnapshot>"

static const virtplugBackend *be;
static char *tmpdir;

static int
groupSetup(void **state)
{
    const char *dir = getenv("VIRTPLUG_BACKEND_DIR");
    char path[4096];
    virtplugBackendEntryFunc entry;
    void *mod;

    (void)state;
    snprintf(path, sizeof(path), "%s/test.so", dir ? dir : "backends/.libs");
    if ((mod = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
        fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
        return -1;
    }
    entry = (virtplugBackendEntryFunc)dlsym(mod, VIRTPLUG_BACKEND_ENTRY_SYMBOL);
    if (!entry || (be = entry(&fakeHost)) == NULL)
        return -1;
    tmpdir = testUtilTempDir();
    return 0;
}

static int
groupTeardown(void **state)
{
    (void)state;
    testUtilRemoveTree(tmpdir);
    free(tmpdir);
    return 0;
}

static virtplugOpenStatus
openPath(const char *server, const char *path, void **priv)
{
    virtplugURI uri = { "test:///x", "test", server, path, 0, NULL };
    char *canon = (char *)1;
    virtplugOpenStatus st;

    fakeReportReset();
    *priv = NULL;
    st = be->open(&fakeHost, be->data, &uri, VIRTPLUG_OPEN_READONLY, priv, &canon);
    assert_null(canon);
    if (st != VIRTPLUG_OPEN_SUCCESS)
        assert_null(*priv);
    return st;
}

static void *
openOK(const char *path)
{
    void *priv;

    if (openPath(NULL, path, &priv) != VIRTPLUG_OPEN_SUCCESS)
        fail_msg("cannot open %s: %d %s", path, fakeReportGet()->code,
                 fakeReportGet()->message);
    return priv;
}

static void
listAll(void *priv, virtplugDomainSink *sink)
{
    fakeSinkInit(sink, VIRTPLUG_ATTR_ACTIVE);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, sink), 0);
}

static char *
fixture(const char *name)
{
    const char *src = getenv("VIRTPLUG_SRCDIR");
    char *path;

    assert_true(asprintf(&path, "%s/tests/backends/test/nodes/%s",
                         src ? src : ".", name) > 0);
    return path;
}

static void
test_descriptor(void **state)
{
    (void)state;
    assert_int_equal(be->abi_version, VIRTPLUG_BACKEND_ABI_VERSION);
    assert_int_equal(be->struct_size, sizeof(virtplugBackend));
    assert_string_equal(be->name, "test");
    assert_string_equal(be->hv_type, "TEST");
    assert_int_equal(be->hv_version, 2);
    assert_string_equal(be->uri_schemes[0], "test");
    assert_null(be->uri_schemes[1]);
    assert_int_equal(be->groups, VIRTPLUG_GROUPS_ALL);
    assert_null(be->probe);
}

static void
test_default_node(void **state)
{
    static const unsigned char uuid[VIR_UUID_BUFLEN] = {
        0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
        0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
    };
    void *priv = openOK("/default");
    virtplugDomainSink sink;
    struct _virtplugDomainRecord *r;

    (void)state;
    listAll(priv, &sink);
    assert_int_equal(sink.n, 1);
    r = &sink.recs[0];
    assert_string_equal(r->name, "test");
    assert_memory_equal(r->uuid, uuid, VIR_UUID_BUFLEN);
    assert_int_equal(r->info.known & VIRTPLUG_ATTRS_ALL, VIRTPLUG_ATTRS_ALL);
    assert_true(r->info.active);
    assert_int_equal(r->info.id, 1);
    assert_true(r->info.persistent);
    assert_int_equal(r->info.state, VIR_DOMAIN_RUNNING);
    assert_int_equal(r->info.reason, 0);
    assert_false(r->info.managed_save);
    assert_false(r->info.autostart);
    assert_int_equal(r->info.snapshots, 0);
    assert_int_equal(r->info.checkpoints, 0);
    assert_null(r->title);
    assert_null(r->description);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

typedef struct {
    const char *name;
    int id;
    int state;
    bool persistent;
    bool managed_save;
    int snapshots;
    const char *title;
} expectDomain;

static const expectDomain fullExpect[] = {
    { "fx-running", 1, 1, true, false, 0, "The running one" },
    { "fx-nostate", 2, 0, true, false, 0, NULL },
    { "fx-blocked", 3, 2, true, false, 0, NULL },
    { "fx-paused", 4, 3, true, false, 0, NULL },
    { "fx-shutdown", 5, 4, true, false, 0, NULL },
    { "fx-shutoff", -1, 5, true, false, 0, "Off" },
    { "fx-crashed", 6, 6, true, false, 0, NULL },
    { "fx-pmsuspended", 7, 7, true, false, 0, NULL },
    { "fx-transient", 8, 1, false, false, 0, NULL },
    { "fx-transient-paused", 9, 3, false, false, 0, NULL },
    { "fx-managedsave", -1, 5, true, true, 0, NULL },
    { "fx-snapshots", 10, 1, true, false, 2, NULL },
    { "fx-shutoff-snapshot", -1, 5, true, false, 1, NULL },
    { "fx-\xc3\xbcn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9-\xe8\x99\x9a\xe6\x8b\x9f\xe6\x9c\xba",
      11, 1, true, false, 0,
      "T\xc3\xaftle with \xc3\xbcnicode \xe2\x80\x94 \xe6\xa0\x87\xe9\xa2\x98" },
    { "fx-no-uuid", -1, 5, true, false, 0, NULL },
    { "fx-included", 12, 3, true, false, 0, "From another file" },
};

static void
checkRecord(const struct _virtplugDomainRecord *r, const expectDomain *e)
{
    assert_string_equal(r->name, e->name);
    assert_int_equal(r->info.known & VIRTPLUG_ATTRS_ALL, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(r->info.id, e->id);
    assert_int_equal(r->info.active, e->id > 0);
    assert_int_equal(r->info.state, e->state);
    assert_int_equal(r->info.reason, 0);
    assert_int_equal(r->info.persistent, e->persistent);
    assert_int_equal(r->info.managed_save, e->managed_save);
    assert_false(r->info.autostart);
    assert_int_equal(r->info.snapshots, e->snapshots);
    assert_int_equal(r->info.checkpoints, 0);
    if (e->title)
        assert_string_equal(r->title, e->title);
    else
        assert_null(r->title);
}

static void
test_full_node(void **state)
{
    char *path = fixture("full.xml");
    void *priv = openOK(path);
    virtplugDomainSink sink;
    size_t i, n = sizeof(fullExpect) / sizeof(fullExpect[0]);

    (void)state;
    listAll(priv, &sink);
    assert_int_equal(sink.n, n);
    for (i = 0; i < n; i++) {
        struct _virtplugDomainRecord *r = fakeSinkFind(&sink, fullExpect[i].name);

        if (!r)
            fail_msg("domain %s not listed", fullExpect[i].name);
        checkRecord(r, &fullExpect[i]);
    }
    assert_string_equal(fakeSinkFind(&sink, "fx-running")->description,
                        "Runs by default: no test:runstate.");
    assert_null(fakeSinkFind(&sink, "fx-paused")->description);
    assert_int_equal(fakeSinkFind(&sink, "fx-transient")->uuid[15], 0x09);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(path);
}

/* The example shipped for the README stays a valid node. */
static void
test_example_node(void **state)
{
    const char *src = getenv("VIRTPLUG_SRCDIR");
    char *path;
    void *priv;
    virtplugDomainSink sink;
    size_t i, active = 0;

    (void)state;
    assert_true(asprintf(&path, "%s/examples/nodes/every-state.xml",
                         src ? src : ".") > 0);
    priv = openOK(path);
    listAll(priv, &sink);
    assert_int_equal(sink.n, 12);
    for (i = 0; i < sink.n; i++)
        active += sink.recs[i].info.active;
    assert_int_equal(active, 9);
    assert_true(fakeSinkFind(&sink, "desktop")->info.managed_save);
    assert_int_equal(fakeSinkFind(&sink, "build")->info.snapshots, 2);
    assert_false(fakeSinkFind(&sink, "scratch")->info.persistent);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(path);
}

/* A domain without <uuid> gets one derived from its name: the same on
 * every connection, shaped like a version-4 UUID. */
static void
test_generated_uuid(void **state)
{
    char *path = fixture("full.xml");
    void *p1 = openOK(path), *p2 = openOK(path);
    virtplugDomainSink s1, s2;
    const unsigned char *u;

    (void)state;
    listAll(p1, &s1);
    listAll(p2, &s2);
    u = fakeSinkFind(&s1, "fx-no-uuid")->uuid;
    assert_memory_equal(u, fakeSinkFind(&s2, "fx-no-uuid")->uuid,
                        VIR_UUID_BUFLEN);
    assert_int_equal(u[6] >> 4, 4);
    assert_int_equal(u[8] >> 6, 2);
    fakeSinkClear(&s1);
    fakeSinkClear(&s2);
    be->close(&fakeHost, p1);
    be->close(&fakeHost, p2);
    free(path);
}

static int
lookupKey(void *priv, virtplugDomainKey *key, virtplugDomainSink *sink)
{
    fakeSinkInit(sink, VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_STATE);
    return be->lookup(&fakeHost, priv, key, sink);
}

static void
test_lookup(void **state)
{
    char *path = fixture("full.xml");
    void *priv = openOK(path);
    virtplugDomainSink sink;
    virtplugDomainKey key;

    (void)state;
    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_NAME;
    key.name = "fx-managedsave";
    assert_int_equal(lookupKey(priv, &key, &sink), 1);
    assert_int_equal(sink.n, 1);
    checkRecord(&sink.recs[0], &fullExpect[10]);
    fakeSinkClear(&sink);

    key.name = "no-such-domain";
    assert_int_equal(lookupKey(priv, &key, &sink), 0);
    assert_int_equal(sink.n, 0);
    assert_int_equal(fakeReportGet()->nerrors, 0);
    fakeSinkClear(&sink);

    key.type = VIRTPLUG_KEY_UUID;
    assert_int_equal(fakeHost.uuidParse("c0000000-0000-4000-8000-00000000000f",
                                        key.uuid), 0);
    assert_int_equal(lookupKey(priv, &key, &sink), 1);
    checkRecord(&sink.recs[0], &fullExpect[15]);
    fakeSinkClear(&sink);
    key.uuid[15] = 0xee;
    assert_int_equal(lookupKey(priv, &key, &sink), 0);
    fakeSinkClear(&sink);

    key.type = VIRTPLUG_KEY_ID;
    key.id = 10;
    assert_int_equal(lookupKey(priv, &key, &sink), 1);
    checkRecord(&sink.recs[0], &fullExpect[11]);
    fakeSinkClear(&sink);
    /* Inactive domains have no id; ids past the last are nobody's. */
    key.id = -1;
    assert_int_equal(lookupKey(priv, &key, &sink), 0);
    fakeSinkClear(&sink);
    key.id = 13;
    assert_int_equal(lookupKey(priv, &key, &sink), 0);
    fakeSinkClear(&sink);

    be->close(&fakeHost, priv);
    free(path);
}

/* Node files libvirt refuses, with libvirt's code, error domain and words. */
typedef struct {
    const char *label;
    const char *xml;
    int code;
    int domain;
    const char *message;   /* expected substring */
} badNode;

static const badNode badNodes[] = {
    { "transient-shutoff",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:transient/><test:runstate>5</test:runstate></domain></node>",
      27, 12, "transient domain cannot have runstate 'shutoff'" },
    { "managedsave-running",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:hasmanagedsave/></domain></node>",
      27, 12, "domain with managedsave data can only have runstate 'shutoff'" },
    { "runstate-8",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>8</test:runstate></domain></node>",
      27, 12, "runstate '8' out of range'" },
    { "runstate-uint-max",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>4294967295</test:runstate></domain></node>",
      27, 12, "runstate '-1' out of range'" },
    { "runstate-word",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>abc</test:runstate></domain></node>",
      27, 12, "invalid runstate" },
    { "runstate-negative",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>-1</test:runstate></domain></node>",
      27, 12, "invalid runstate" },
    { "runstate-trailing-space",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>3 </test:runstate></domain></node>",
      27, 12, "invalid runstate" },
    { "runstate-hex",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:runstate>0x3</test:runstate></domain></node>",
      27, 12, "invalid runstate" },
    { "missing-name",
      "<node " NS "><domain type='test'>" OS "</domain></node>",
      21, 20, "missing name information" },
    { "empty-name",
      "<node " NS "><domain type='test'><name></name>" OS "</domain></node>",
      21, 20, "missing name information" },
    { "duplicate-name",
      "<node " NS "><domain type='test'><name>a</name>"
      "<uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS "</domain>"
      "<domain type='test'><name>a</name>"
      "<uuid>a0000000-0000-4000-8000-000000000002</uuid>" OS "</domain></node>",
      9, 20, "domain 'a' already exists with uuid a0000000-0000-4000-8000-000000000001" },
    { "duplicate-uuid",
      "<node " NS "><domain type='test'><name>a</name>"
      "<uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS "</domain>"
      "<domain type='test'><name>b</name>"
      "<uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS "</domain></node>",
      9, 20, "domain 'a' is already defined with uuid a0000000-0000-4000-8000-000000000001" },
    /* Without <uuid>, libvirt makes up different ones: a name clash. */
    { "duplicate-name-no-uuid",
      "<node " NS "><domain type='test'><name>a</name>" OS "</domain>"
      "<domain type='test'><name>a</name>" OS "</domain></node>",
      9, 20, "domain 'a' already exists with uuid " },
    { "malformed-uuid",
      "<node " NS "><domain type='test'><name>a</name><uuid>zzz</uuid>" OS
      "</domain></node>",
      1, 20, "malformed uuid element" },
    { "not-xml", "not xml\n", 35, 12, "Start tag expected" },
    { "empty-file", "", 35, 12, "Document is empty" },
    { "root-not-node", "<nodes/>", 27, 5,
      "expecting root element of 'node', not 'nodes'" },
    { "no-os-type",
      "<node " NS "><domain type='test'><name>a</name><memory>1</memory>"
      "</domain></node>",
      27, 20, "an os <type> must be specified" },
    { "no-memory",
      "<node " NS "><domain type='test'><name>a</name><os><type>hvm</type>"
      "</os></domain></node>",
      27, 20, "Memory size must be specified via <memory> or in the <numa> configuration" },
    { "no-type-attribute",
      "<node " NS "><domain><name>a</name>" OS "</domain></node>",
      1, 20, "missing domain type attribute" },
    { "slash-in-name",
      "<node " NS "><domain type='test'><name>a/b</name>" OS "</domain></node>",
      27, 20, "name a/b cannot contain '/'" },
    { "newline-in-title",
      "<node " NS "><domain type='test'><name>a</name><title>x\ny</title>" OS
      "</domain></node>",
      27, 20, "Domain title can't contain newlines" },
    /* libvirt's order: os type before title, runstate before memory. */
    { "order-os-before-title",
      "<node " NS "><domain type='test'><name>a</name><title>x\ny</title>"
      "</domain></node>",
      27, 20, "an os <type> must be specified" },
    { "order-runstate-before-memory",
      "<node " NS "><domain type='test'><name>a</name><os><type>hvm</type></os>"
      "<test:runstate>9</test:runstate></domain></node>",
      27, 12, "runstate '9' out of range'" },
    { "snapshot-no-name",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:domainsnapshot><state>running</state></test:domainsnapshot>"
      "</domain></node>",
      27, 35, "a redefined snapshot must have a name" },
    { "snapshot-no-creation-time",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:domainsnapshot><name>s</name></test:domainsnapshot></domain></node>",
      1, 35, "missing creationTime from existing snapshot" },
    { "snapshot-no-state",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:domainsnapshot><name>s</name><creationTime>1</creationTime>"
      "</test:domainsnapshot></domain></node>",
      27, 35, "missing state from existing snapshot" },
    { "snapshot-bad-state",
      "<node " NS "><domain type='test'><name>a</name>" OS
      "<test:domainsnapshot><name>s</name><creationTime>1</creationTime>"
      "<state>nostate</state><active>0</active></test:domainsnapshot>"
      "</domain></node>",
      67, 35, "Invalid state 'nostate' in domain snapshot XML" },
    { "snapshot-no-active",
      "<node " NS "><domain type='test'><name>a</name>" OS
      SNAP("s", "") "</domain></node>",
      1, 35, "Could not find 'active' element" },
    { "snapshot-duplicate",
      "<node " NS "><domain type='test'><name>a</name>" OS
      SNAP("s", "<active>1</active>") SNAP("s", "<active>0</active>")
      "</domain></node>",
      9, 20, "domain moment s already exists" },
    { "snapshot-two-current",
      "<node " NS "><domain type='test'><name>a</name>" OS
      SNAP("s", "<active>1</active>") SNAP("t", "<active>2</active>")
      "</domain></node>",
      1, 12, "more than one snapshot claims to be active" },
    { "snapshot-missing-parent",
      "<node " NS "><domain type='test'><name>a</name>" OS
      SNAP("s", "<active>0</active><parent><name>zz</name></parent>")
      "</domain></node>",
      1, 12, "Snapshots have inconsistent relations for domain a" },
    { "snapshot-parent-loop",
      "<node " NS "><domain type='test'><name>a</name>" OS
      SNAP("s", "<active>0</active><parent><name>t</name></parent>")
      SNAP("t", "<active>0</active><parent><name>s</name></parent>")
      "</domain></node>",
      1, 12, "Snapshots have inconsistent relations for domain a" },
    { "domain-file-wrong-root",
      "<node " NS "><domain file='root-not-node.xml'/></node>",
      27, 5, "expecting root element of 'domain', not 'nodes'" },
    { "domain-file-missing",
      "<node " NS "><domain file='no-such-file.xml'/></node>",
      27, 12, "failed to parse xml document '" },
};

static void
test_bad_nodes(void **state)
{
    size_t i;

    (void)state;
    /* Written first: domain-file-wrong-root includes it. */
    free(testUtilWriteFile(tmpdir, "root-not-node.xml", "<nodes/>"));
    for (i = 0; i < sizeof(badNodes) / sizeof(badNodes[0]); i++) {
        const badNode *b = &badNodes[i];
        char name[128];
        char *path;
        void *priv;
        virtplugOpenStatus st;

        snprintf(name, sizeof(name), "%s.xml", b->label);
        path = testUtilWriteFile(tmpdir, name, b->xml);
        st = openPath(NULL, path, &priv);
        if (st != VIRTPLUG_OPEN_ERROR)
            fail_msg("%s: opened (%d)", b->label, st);
        if (fakeReportGet()->nerrors != 1 ||
            fakeReportGet()->code != b->code ||
            fakeReportGet()->domain != b->domain ||
            !strstr(fakeReportGet()->message, b->message))
            fail_msg("%s: got %d errors, code %d, domain %d, '%s'", b->label,
                     fakeReportGet()->nerrors, fakeReportGet()->code,
                     fakeReportGet()->domain, fakeReportGet()->message);
        free(path);
    }
}

static void
test_bad_uris(void **state)
{
    void *priv;
    virtplugURI other = { "qemu:///system", "qemu", NULL, "/system", 0, NULL };
    char *canon = NULL;

    (void)state;
    assert_int_equal(openPath(NULL, NULL, &priv), VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_INVALID_ARG);
    assert_int_equal(fakeReportGet()->domain, VIR_FROM_TEST);
    assert_string_equal(fakeReportGet()->message,
                        "testOpen: supply a path or use test:///default");
    assert_int_equal(openPath(NULL, "/", &priv), VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_INVALID_ARG);

    assert_int_equal(openPath(NULL, "relative.xml", &priv), VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
    assert_non_null(strstr(fakeReportGet()->message, "'relative.xml'"));

    /* test://HOST/... belongs to libvirt's remote driver. */
    assert_int_equal(openPath("somehost", "/default", &priv),
                     VIRTPLUG_OPEN_DECLINED);
    assert_int_equal(fakeReportGet()->nerrors, 0);

    fakeReportReset();
    assert_int_equal(be->open(&fakeHost, be->data, &other, 0, &priv, &canon), VIRTPLUG_OPEN_DECLINED);
    assert_int_equal(fakeReportGet()->nerrors, 0);

    /* A directory or a missing file fails like libvirt: XML_ERROR. */
    assert_int_equal(openPath(NULL, tmpdir, &priv), VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
    assert_int_equal(openPath(NULL, "/nonexistent/node.xml", &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
    assert_string_equal(fakeReportGet()->message,
                        "failed to parse xml document '/nonexistent/node.xml'");
}

static void
test_sparse_gigabyte_node(void **state)
{
    char path[4096];
    void *priv;
    double start;
    int fd;

    (void)state;
    snprintf(path, sizeof(path), "%s/huge.xml", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0);
    close(fd);

    start = testUtilNow();
    assert_int_equal(openPath(NULL, path, &priv), VIRTPLUG_OPEN_ERROR);
    assert_true(testUtilNow() - start < 1.0);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
    assert_non_null(strstr(fakeReportGet()->message, path));
    assert_non_null(strstr(fakeReportGet()->message, "limit"));
    unlink(path);
}

static void
test_fifo_node(void **state)
{
    char path[4096];
    void *priv;

    (void)state;
    snprintf(path, sizeof(path), "%s/fifo.xml", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    alarm(10);      /* a hang here fails the test instead of the CI job */
    assert_int_equal(openPath(NULL, path, &priv), VIRTPLUG_OPEN_ERROR);
    alarm(0);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_XML_ERROR);
    assert_non_null(strstr(fakeReportGet()->message, "FIFO"));
    unlink(path);
}

static void
test_snapshot_file(void **state)
{
    char *node, *snap;
    void *priv;
    virtplugDomainSink sink;

    (void)state;
    snap = testUtilWriteFile(tmpdir, "snap-one.xml",
                             "<domainsnapshot><name>f</name><state>shutoff</state>"
                             "<creationTime>5</creationTime><active>1</active>"
                             "</domainsnapshot>");
    node = testUtilWriteFile(tmpdir, "snapfile.xml",
                             "<node " NS "><domain type='test'><name>a</name>" OS
                             "<test:domainsnapshot file='snap-one.xml'/>"
                             SNAP("g", "<active>0</active><parent><name>f</name></parent>")
                             "</domain></node>");
    priv = openOK(node);
    listAll(priv, &sink);
    assert_int_equal(sink.n, 1);
    assert_int_equal(sink.recs[0].info.snapshots, 2);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(node);
    free(snap);
}

/* libvirt quirks: the same name and UUID twice redefines the domain. */
static void
test_redefinition(void **state)
{
    char *node;
    void *priv;
    virtplugDomainSink sink;
    struct _virtplugDomainRecord *a, *b;

    (void)state;
    /* A running domain defined again keeps its state and is restarted. */
    node = testUtilWriteFile(tmpdir, "redef-running.xml",
        "<node " NS ">"
        "<domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS "</domain>"
        "<domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS
        "<title>second</title><test:runstate>3</test:runstate></domain>"
        "<domain type='test'><name>b</name><uuid>a0000000-0000-4000-8000-000000000002</uuid>" OS "</domain>"
        "</node>");
    priv = openOK(node);
    listAll(priv, &sink);
    assert_int_equal(sink.n, 2);
    a = fakeSinkFind(&sink, "a");
    b = fakeSinkFind(&sink, "b");
    assert_int_equal(a->info.id, 2);
    assert_int_equal(a->info.state, VIR_DOMAIN_RUNNING);
    assert_null(a->title);
    assert_int_equal(b->info.id, 3);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(node);

    /* An inactive one is replaced by the new definition. */
    node = testUtilWriteFile(tmpdir, "redef-shutoff.xml",
        "<node " NS ">"
        "<domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS
        "<test:runstate>5</test:runstate></domain>"
        "<domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>" OS
        "<test:runstate>5</test:runstate><test:hasmanagedsave/></domain>"
        "<domain type='test'><name>b</name><uuid>a0000000-0000-4000-8000-000000000002</uuid>" OS "</domain>"
        "</node>");
    priv = openOK(node);
    listAll(priv, &sink);
    assert_int_equal(sink.n, 2);
    a = fakeSinkFind(&sink, "a");
    assert_int_equal(a->info.id, -1);
    assert_true(a->info.managed_save);
    assert_int_equal(fakeSinkFind(&sink, "b")->info.id, 1);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(node);
}

/* Unknown children, namespaced look-alikes and an empty runstate are
 * ignored, as libvirt ignores them. */
static void
test_ignored_content(void **state)
{
    char *node;
    void *priv;
    virtplugDomainSink sink;

    (void)state;
    node = testUtilWriteFile(tmpdir, "ignored.xml",
        "<node " NS "><network/><foo><domain/></foo>"
        "<x:domain xmlns:x='urn:x'><name>b</name></x:domain>"
        "<domain type='test'><name>  spaced  </name>" OS
        "<test:runstate></test:runstate>"
        "<y:transient xmlns:y='urn:y'/>"
        "<test:runstate>5</test:runstate></domain></node>");
    priv = openOK(node);
    listAll(priv, &sink);
    assert_int_equal(sink.n, 1);
    /* Names are not trimmed; an empty runstate means the default. */
    assert_string_equal(sink.recs[0].name, "  spaced  ");
    assert_int_equal(sink.recs[0].info.state, VIR_DOMAIN_RUNNING);
    assert_true(sink.recs[0].info.persistent);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(node);
}

static void
test_entities_not_expanded(void **state)
{
    char *node;
    void *priv;
    virtplugDomainSink sink;

    (void)state;
    node = testUtilWriteFile(tmpdir, "xxe.xml",
        "<!DOCTYPE node [<!ENTITY x SYSTEM 'file:///etc/passwd'>"
        "<!ENTITY t 'TTTTTTTTTT'><!ENTITY u '&t;&t;&t;&t;&t;&t;&t;&t;'>]>"
        "<node " NS "><domain type='test'><name>a&x;</name>"
        "<title>&u;</title>" OS "</domain></node>");
    if (openPath(NULL, node, &priv) == VIRTPLUG_OPEN_SUCCESS) {
        listAll(priv, &sink);
        assert_int_equal(sink.n, 1);
        assert_null(strstr(sink.recs[0].name, "root"));
        assert_true(!sink.recs[0].title ||
                    !strstr(sink.recs[0].title, "TTTTTTTTTT"));
        fakeSinkClear(&sink);
        be->close(&fakeHost, priv);
    }
    free(node);
}

/* Many domains: parsing and duplicate checks stay fast (not quadratic). */
static void
test_large_node(void **state)
{
    const int n = 20000;
    char *path;
    FILE *fp;
    void *priv;
    virtplugDomainKey key;
    virtplugDomainSink sink;
    char name[64];
    int i;

    (void)state;
    assert_true(asprintf(&path, "%s/large.xml", tmpdir) > 0);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "<node " NS ">\n");
    for (i = 0; i < n; i++)
        fprintf(fp, "<domain type='test'><name>gen-%06d</name>"
                "<uuid>b0000000-0000-4000-8000-%012d</uuid>" OS "%s</domain>\n",
                i, i, i % 2 ? "<test:runstate>5</test:runstate>" : "");
    fprintf(fp, "</node>\n");
    assert_int_equal(fclose(fp), 0);

    priv = openOK(path);
    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_NAME;
    snprintf(name, sizeof(name), "gen-%06d", n - 2);
    key.name = name;
    assert_int_equal(lookupKey(priv, &key, &sink), 1);
    assert_int_equal(sink.recs[0].info.id, n / 2);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(path);
}

static void *
listMany(void *priv)
{
    int i;

    for (i = 0; i < 50; i++) {
        virtplugDomainSink sink;
        int ok;

        fakeSinkInit(&sink, VIRTPLUG_ATTR_ACTIVE);
        ok = be->listAllDomains(&fakeHost, priv, 0, &sink) == 0 &&
             sink.n == sizeof(fullExpect) / sizeof(fullExpect[0]);
        fakeSinkClear(&sink);
        if (!ok)
            return (void *)1;
    }
    return NULL;
}

static void
test_concurrent_lists(void **state)
{
    char *path = fixture("full.xml");
    void *priv = openOK(path);
    pthread_t th[4];
    int i;

    (void)state;
    for (i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, listMany, priv), 0);
    for (i = 0; i < 4; i++) {
        void *rv = (void *)1;

        assert_int_equal(pthread_join(th[i], &rv), 0);
        assert_null(rv);
    }
    be->close(&fakeHost, priv);
    free(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptor),
        cmocka_unit_test(test_default_node),
        cmocka_unit_test(test_full_node),
        cmocka_unit_test(test_example_node),
        cmocka_unit_test(test_generated_uuid),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_bad_nodes),
        cmocka_unit_test(test_bad_uris),
        cmocka_unit_test(test_sparse_gigabyte_node),
        cmocka_unit_test(test_fifo_node),
        cmocka_unit_test(test_snapshot_file),
        cmocka_unit_test(test_redefinition),
        cmocka_unit_test(test_ignored_content),
        cmocka_unit_test(test_entities_not_expanded),
        cmocka_unit_test(test_large_node),
        cmocka_unit_test(test_concurrent_lists),
    };

    return cmocka_run_group_tests(tests, groupSetup, groupTeardown);
}
