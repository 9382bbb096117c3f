/*
 * test-qemu-state.c: the qemu backend (libvirt state part) against host
 * trees built by make-host.sh: every attribute of every domain, the
 * pre-filtering by flags, lookups, pid checks, monitor paths, URIs, and
 * malformed files that must each cost only their own domain.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "fake-host.h"
#include <virtplug/vp-libvirt-state.h>

const virtplugBackend *VIRTPLUG_BACKEND_ENTRY(const virtplugHost *host);

static char tmpdir[] = "/tmp/vp-qemu-test-XXXXXX";
static char goodroot[512], badroot[512];
static const virtplugBackend *be;

typedef struct {
    const char *name;
    bool active;
    int id;
    bool persistent;
    int state, reason;
    bool autostart, managed_save;
    int snapshots, checkpoints;
    const char *title;
} expected;

/* The fixture's good domains, as libvirt would report them. */
static const expected goodDomains[] = {
    { "q-running", true, 1, true, VIR_DOMAIN_RUNNING, 1, false, false, 0, 0, "Running guest" },
    { "q-paused", true, 2, true, VIR_DOMAIN_PAUSED, 1, false, false, 1, 0, NULL },
    { "q-autostart-running", true, 3, true, VIR_DOMAIN_RUNNING, 1, true, false, 0, 0, NULL },
    { "q-transient", true, 4, false, VIR_DOMAIN_RUNNING, 1, false, false, 0, 0, NULL },
    { "q-transient-paused", true, 5, false, VIR_DOMAIN_PAUSED, 1, false, false, 0, 0, NULL },
    { "q-shutoff", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, false, false, 0, 0, "Shut off guest" },
    { "q-autostart", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, true, false, 0, 0, NULL },
    { "q-managedsave", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, false, true, 0, 0, NULL },
    { "q-snapshot", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, false, false, 2, 0, NULL },
    { "q-checkpoint", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, false, false, 0, 1, NULL },
    { "q-caf\xc3\xa9", false, -1, true, VIR_DOMAIN_SHUTOFF, 0, false, false, 0, 0, NULL },
};
#define NGOOD (sizeof(goodDomains) / sizeof(goodDomains[0]))

static void
checkDomain(virtplugDomainSink *sink, const expected *e)
{
    virtplugDomainRecord *rec = fakeSinkFind(sink, e->name);
    virtplugDomainInfo *info;

    if (!rec)
        fprintf(stderr, "missing domain %s\n", e->name);
    assert_non_null(rec);
    info = &rec->info;
    assert_int_equal(info->known & VIRTPLUG_ATTRS_ALL, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(info->active, e->active);
    assert_int_equal(info->id, e->id);
    assert_int_equal(info->persistent, e->persistent);
    assert_int_equal(info->state, e->state);
    assert_int_equal(info->reason, e->reason);
    assert_int_equal(info->autostart, e->autostart);
    assert_int_equal(info->managed_save, e->managed_save);
    assert_int_equal(info->snapshots, e->snapshots);
    assert_int_equal(info->checkpoints, e->checkpoints);
    if (e->title)
        assert_string_equal(rec->title, e->title);
    else
        assert_null(rec->title);
}

static int
runShell(const char *cmd)
{
    int rc = system(cmd);

    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int
setupTrees(void **state)
{
    const char *srcdir = getenv("VIRTPLUG_SRCDIR");
    char cmd[2048];

    (void)state;
    if (!srcdir)
        srcdir = TOP_SRCDIR;
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(goodroot, sizeof(goodroot), "%s/good", tmpdir);
    snprintf(badroot, sizeof(badroot), "%s/bad", tmpdir);
    snprintf(cmd, sizeof(cmd),
             "sh '%s/tests/backends/qemu/make-host.sh' '%s/tests/backends/qemu/templates' '%s' && "
             "sh '%s/tests/backends/qemu/make-host.sh' '%s/tests/backends/qemu/templates' '%s' --malformed",
             srcdir, srcdir, goodroot, srcdir, srcdir, badroot);
    if (runShell(cmd) != 0)
        return -1;
    be = VIRTPLUG_BACKEND_ENTRY(&fakeHost);
    return be ? 0 : -1;
}

static int
teardownTrees(void **state)
{
    char cmd[1024];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return runShell(cmd) == 0 ? 0 : -1;
}

/* Opens qemu:///PATH?root=ROOT (root NULL: none). */
static virtplugOpenStatus
openUri(const char *path, const char *root, const char *pname,
        const char *pvalue, void **priv)
{
    virtplugURIParam params[2];
    virtplugURI uri = { "qemu:///x", "qemu", NULL, path, 0, params };
    char *canon = NULL;
    virtplugOpenStatus rc;

    if (root) {
        params[uri.nparams].name = "root";
        params[uri.nparams++].value = root;
    }
    if (pname) {
        params[uri.nparams].name = pname;
        params[uri.nparams++].value = pvalue;
    }
    rc = be->open(&fakeHost, be->data, &uri, VIRTPLUG_OPEN_READONLY, priv, &canon);
    free(canon);
    return rc;
}

static void
testDescriptor(void **state)
{
    (void)state;
    assert_string_equal(be->name, "qemu");
    assert_string_equal(be->hv_type, "QEMU");
    assert_int_equal(be->groups, VIRTPLUG_GROUPS_ALL);
    assert_string_equal(be->uri_schemes[0], "qemu");
    assert_null(be->uri_schemes[1]);
    assert_int_equal(be->probe_priority, 10);
    assert_string_equal(be->probe_uri, "qemu:///system");
}

static void
testListAll(void **state)
{
    virtplugDomainSink sink = { 0 };
    void *priv;
    size_t i;

    (void)state;
    assert_int_equal(openUri("/system", goodroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    for (i = 0; i < NGOOD; i++)
        checkDomain(&sink, &goodDomains[i]);
    assert_int_equal(sink.n, NGOOD);
    assert_int_equal(fakeReportGet()->nwarnings, 0);
    assert_string_equal(fakeSinkFind(&sink, "q-shutoff")->description,
                        "about q-shutoff");
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

/* Only what is asked: attributes not in need stay unknown. */
static void
testOnlyWhatIsAsked(void **state)
{
    virtplugDomainSink sink = { 0 };
    void *priv;
    size_t i;

    (void)state;
    assert_int_equal(openUri("/system", goodroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTR_ACTIVE);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    assert_int_equal(sink.n, NGOOD);
    for (i = 0; i < sink.n; i++) {
        unsigned int known = sink.recs[i].info.known;
        assert_false(known & (VIRTPLUG_ATTR_SNAPSHOT | VIRTPLUG_ATTR_CHECKPOINT |
                              VIRTPLUG_ATTR_MANAGEDSAVE | VIRTPLUG_ATTR_AUTOSTART |
                              VIRTPLUG_ATTR_TITLE));
        assert_true(known & VIRTPLUG_ATTR_ACTIVE);
    }
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

static size_t
countMatching(virtplugDomainSink *sink, bool want_active, bool want_inactive,
              bool want_persistent, bool want_transient)
{
    size_t i, n = 0;

    (void)sink;
    for (i = 0; i < NGOOD; i++) {
        const expected *e = &goodDomains[i];
        if ((e->active ? want_active : want_inactive) &&
            (e->persistent ? want_persistent : want_transient))
            n++;
    }
    return n;
}

/* The backend's pre-filter never drops a domain the flags would keep and
 * never reports one of the wrong activity or persistence. */
static void
testPrefilter(void **state)
{
    static const unsigned int flagsets[] = {
        VIR_CONNECT_LIST_DOMAINS_ACTIVE,
        VIR_CONNECT_LIST_DOMAINS_INACTIVE,
        VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
        VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
        VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
        VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
        VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
        VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    };
    virtplugDomainSink sink = { 0 };
    void *priv;
    size_t f, i;

    (void)state;
    assert_int_equal(openUri("/system", goodroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    for (f = 0; f < sizeof(flagsets) / sizeof(flagsets[0]); f++) {
        unsigned int fl = flagsets[f];
        bool a = !(fl & 3) || (fl & VIR_CONNECT_LIST_DOMAINS_ACTIVE);
        bool ia = !(fl & 3) || (fl & VIR_CONNECT_LIST_DOMAINS_INACTIVE);
        bool p = !(fl & 12) || (fl & VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
        bool t = !(fl & 12) || (fl & VIR_CONNECT_LIST_DOMAINS_TRANSIENT);

        fakeHostReset(&sink, VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT);
        assert_int_equal(be->listAllDomains(&fakeHost, priv, fl, &sink), 0);
        assert_int_equal(sink.n, countMatching(&sink, a, ia, p, t));
        for (i = 0; i < sink.n; i++) {
            virtplugDomainInfo *info = &sink.recs[i].info;
            assert_true(info->active ? a : ia);
            assert_true(info->persistent ? p : t);
        }
    }
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

static void
testLookup(void **state)
{
    virtplugDomainSink sink = { 0 };
    virtplugDomainKey key;
    void *priv;

    (void)state;
    assert_int_equal(openUri("/system", goodroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);

    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_NAME;
    key.name = "q-paused";
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[1]);

    key.name = "q-snapshot";
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[8]);

    key.name = "q-transient-paused";
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[4]);

    key.name = "nope";
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 0);
    key.name = "../../etc/passwd";
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 0);
    assert_int_equal(sink.n, 0);

    key.type = VIRTPLUG_KEY_ID;
    key.name = NULL;
    key.id = 4;
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[3]);
    key.id = 99;
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 0);

    key.type = VIRTPLUG_KEY_UUID;
    assert_int_equal(fakeHost.uuidParse("11111111-0000-4000-8000-000000000007",
                                      key.uuid), 0);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[8]);
    /* a query names the domain too; a stale name falls back to the UUID */
    key.name = "q-shutoff";
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[8]);
    assert_int_equal(fakeHost.uuidParse("11111111-0000-4000-8000-000000000002",
                                      key.uuid), 0);
    key.name = NULL;
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->lookup(&fakeHost, priv, &key, &sink), 1);
    checkDomain(&sink, &goodDomains[0]);

    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

/* Each malformed file costs at most its own domain. */
static void
testMalformed(void **state)
{
    static const char *const absent[] = {
        "bad-truncated", "bad-bomb", "bad-sparse-transient", "bad-mismatch",
        "q-other", "bad-cfgname", "bad-fifo", "bad-fifo-status", "bad-dir",
        "bad-\xff", "bad-state", "bad-nouuid", "bad-entity", "bad-root",
        "bad-empty", "q-newonly", "q-halfnew", "loop-a", "loop-b",
    };
    virtplugDomainSink sink = { 0 };
    virtplugDomainRecord *rec;
    void *priv;
    size_t i, extra;

    (void)state;
    assert_int_equal(openUri("/system", badroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    for (i = 0; i < NGOOD; i++)
        checkDomain(&sink, &goodDomains[i]);
    for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        if (fakeSinkFind(&sink, absent[i]))
            fprintf(stderr, "unexpected domain %s\n", absent[i]);
        assert_null(fakeSinkFind(&sink, absent[i]));
    }
    /* broken status file, valid config: listed, inactive */
    assert_non_null(rec = fakeSinkFind(&sink, "bad-strunc"));
    assert_false(rec->info.active);
    assert_int_equal(rec->info.state, VIR_DOMAIN_SHUTOFF);
    assert_non_null(rec = fakeSinkFind(&sink, "bad-sparse"));
    assert_false(rec->info.active);
    /* valid but only for libxml2 (CDATA name, entity in the title) */
    assert_non_null(rec = fakeSinkFind(&sink, "bad-fallback"));
    assert_string_equal(rec->title, "A & B");
    /* autostart link loop: listed, no autostart */
    assert_non_null(rec = fakeSinkFind(&sink, "bad-loop"));
    assert_false(rec->info.autostart);
    extra = 4;
    /* root reads a mode 000 file; anyone else cannot */
    rec = fakeSinkFind(&sink, "bad-unread");
    if (geteuid() == 0) {
        assert_non_null(rec);
        extra++;
    } else {
        assert_null(rec);
    }
    assert_int_equal(sink.n, NGOOD + extra);
    assert_true(fakeReportGet()->nwarnings >= 14);
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
}

/* A live host: a status file whose pid is dead is not a running domain. */
static void
testDeadPids(void **state)
{
    char conf[600], run[600], save[600], snap[600], auto_[600], ckpt[600];
    vpLibvirtLayout layout = { 0 };
    virtplugDomainSink sink = { 0 };
    virtplugDomainRecord *rec;
    char cmd[1400];
    pid_t child;
    int st;

    (void)state;
    /* A pid that surely is dead: a reaped child's. */
    child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    waitpid(child, &st, 0);
    snprintf(cmd, sizeof(cmd),
             "cd '%s/run/libvirt/qemu' && "
             "sed -i \"s/pid='[0-9]*'/pid='%d'/\" q-paused.xml q-transient.xml && "
             "sed -i \"s/pid='[0-9]*'/pid='%d'/\" q-running.xml",
             goodroot, (int)child, (int)getpid());
    assert_int_equal(runShell(cmd), 0);

    snprintf(conf, sizeof(conf), "%s/etc/libvirt/qemu", goodroot);
    snprintf(auto_, sizeof(auto_), "%s/etc/libvirt/qemu/autostart", goodroot);
    snprintf(run, sizeof(run), "%s/run/libvirt/qemu", goodroot);
    snprintf(save, sizeof(save), "%s/var/lib/libvirt/qemu/save", goodroot);
    snprintf(snap, sizeof(snap), "%s/var/lib/libvirt/qemu/snapshot", goodroot);
    snprintf(ckpt, sizeof(ckpt), "%s/var/lib/libvirt/qemu/checkpoint", goodroot);
    layout.config_dir = conf;
    layout.autostart_dir = auto_;
    layout.status_dir = run;
    layout.save_dir = save;
    layout.snapshot_dir = snap;
    layout.checkpoint_dir = ckpt;
    layout.check_pids = true;
    layout.error_from = VIR_FROM_QEMU;

    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(vpLibvirtStateList(&fakeHost, &layout, 0, &sink), 0);
    assert_non_null(rec = fakeSinkFind(&sink, "q-running"));
    assert_true(rec->info.active);
    assert_non_null(rec = fakeSinkFind(&sink, "q-paused"));
    assert_false(rec->info.active);
    assert_int_equal(rec->info.id, -1);
    assert_int_equal(rec->info.state, VIR_DOMAIN_SHUTOFF);
    assert_null(fakeSinkFind(&sink, "q-transient"));

    /* --inactive alone finds q-paused too (and not q-running) */
    fakeHostReset(&sink, VIRTPLUG_ATTR_ACTIVE);
    assert_int_equal(vpLibvirtStateList(&fakeHost, &layout,
                                        VIR_CONNECT_LIST_DOMAINS_INACTIVE,
                                        &sink), 0);
    assert_non_null(fakeSinkFind(&sink, "q-paused"));
    assert_null(fakeSinkFind(&sink, "q-running"));
    fakeSinkClear(&sink);

    /* put the fixture back as it was */
    snprintf(cmd, sizeof(cmd),
             "cd '%s/run/libvirt/qemu' && "
             "sed -i \"s/pid='%d'/pid='3002'/\" q-paused.xml && "
             "sed -i \"s/pid='%d'/pid='3004'/\" q-transient.xml && "
             "sed -i \"s/pid='%d'/pid='3001'/\" q-running.xml",
             goodroot, (int)child, (int)child, (int)getpid());
    assert_int_equal(runShell(cmd), 0);
}

static void
testMonitorPaths(void **state)
{
    char conf[600], run[600];
    vpLibvirtLayout layout = { 0 };
    char **paths;
    size_t n = 0;
    bool found = false;

    (void)state;
    snprintf(conf, sizeof(conf), "%s/etc/libvirt/qemu", goodroot);
    snprintf(run, sizeof(run), "%s/run/libvirt/qemu", goodroot);
    layout.config_dir = conf;
    layout.status_dir = run;
    layout.error_from = VIR_FROM_QEMU;
    assert_non_null(paths = vpLibvirtStateMonitorPaths(&fakeHost, &layout));
    for (n = 0; paths[n]; n++) {
        if (strcmp(paths[n],
                   "/var/lib/libvirt/qemu/domain-2-q-paused/monitor.sock") == 0)
            found = true;
        free(paths[n]);
    }
    free(paths);
    assert_int_equal(n, 5);
    assert_true(found);
}

/* The listing's monitor paths are those vpLibvirtStateMonitorPaths finds,
 * also when the flags leave the persistent domains out; none are collected
 * when no active domain can match. */
static void
testListMonitors(void **state)
{
    static const unsigned int flagsets[] = {
        0, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, VIR_CONNECT_LIST_DOMAINS_ACTIVE,
        VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    };
    char conf[600], run[600];
    vpLibvirtLayout layout = { 0 };
    size_t i, n;

    (void)state;
    snprintf(conf, sizeof(conf), "%s/etc/libvirt/qemu", goodroot);
    snprintf(run, sizeof(run), "%s/run/libvirt/qemu", goodroot);
    layout.config_dir = conf;
    layout.status_dir = run;
    layout.error_from = VIR_FROM_QEMU;
    for (i = 0; i < sizeof(flagsets) / sizeof(flagsets[0]); i++) {
        virtplugDomainSink sink = { 0 };
        char **paths = NULL;
        bool found = false;

        fakeHostReset(&sink, VIRTPLUG_ATTR_ACTIVE);
        assert_int_equal(vpLibvirtStateListMonitors(&fakeHost, &layout,
                                                    flagsets[i], &sink,
                                                    &paths), 0);
        assert_non_null(paths);
        for (n = 0; paths[n]; n++) {
            if (strcmp(paths[n], "/var/lib/libvirt/qemu/domain-2-q-paused/"
                       "monitor.sock") == 0)
                found = true;
            free(paths[n]);
        }
        free(paths);
        if (flagsets[i] == VIR_CONNECT_LIST_DOMAINS_INACTIVE) {
            assert_int_equal(n, 0);
        } else {
            assert_int_equal(n, 5);
            assert_true(found);
        }
        if (flagsets[i] == 0)
            assert_int_equal(sink.n, NGOOD);
        fakeSinkClear(&sink);
    }
}

/* With a QMP directory, a listing still opens every status file at most
 * once (the kernel reports each open through inotify). */
static void
testStatusReadOnce(void **state)
{
    static const unsigned int flagsets[] = {
        0, VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
    };
    char run[600], qmp[600];
    size_t i;

    (void)state;
    snprintf(run, sizeof(run), "%s/run/libvirt/qemu", goodroot);
    snprintf(qmp, sizeof(qmp), "%s/qmp", tmpdir);
    assert_true(mkdir(qmp, 0700) == 0 || errno == EEXIST);
    for (i = 0; i < sizeof(flagsets) / sizeof(flagsets[0]); i++) {
        virtplugDomainSink sink = { 0 };
        union {
            struct inotify_event ev;
            char buf[65536];
        } u;
        char names[32][NAME_MAX + 1];
        int counts[32] = { 0 };
        size_t nnames = 0, j;
        ssize_t got;
        void *priv;
        int fd;

        assert_int_equal(openUri("/system", goodroot, "qmp_dir", qmp, &priv),
                         VIRTPLUG_OPEN_SUCCESS);
        assert_true((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) >= 0);
        assert_true(inotify_add_watch(fd, run, IN_OPEN) >= 0);
        fakeHostReset(&sink, VIRTPLUG_ATTR_ACTIVE);
        assert_int_equal(be->listAllDomains(&fakeHost, priv, flagsets[i],
                                            &sink), 0);
        while ((got = read(fd, u.buf, sizeof(u.buf))) > 0) {
            char *p = u.buf;

            while (p < u.buf + got) {
                struct inotify_event *ev = (struct inotify_event *)p;

                if (ev->len && ev->name[0]) {
                    for (j = 0; j < nnames; j++) {
                        if (strcmp(names[j], ev->name) == 0)
                            break;
                    }
                    if (j == nnames && nnames < 32)
                        snprintf(names[nnames++], sizeof(names[0]), "%s",
                                 ev->name);
                    if (j < 32)
                        counts[j]++;
                }
                p += sizeof(*ev) + ev->len;
            }
        }
        close(fd);
        /* every status file of the fixture was read, each once */
        assert_true(nnames >= 5);
        for (j = 0; j < nnames; j++) {
            if (counts[j] != 1)
                fprintf(stderr, "%s opened %d times\n", names[j], counts[j]);
            assert_int_equal(counts[j], 1);
        }
        fakeSinkClear(&sink);
        be->close(&fakeHost, priv);
    }
}

/* Writes COUNT copies of the file `from`, each with `name` and `uuid`
 * replaced by NAME-NNNN and a UUID of its own, into dir. */
static void
cloneDomain(const char *from, const char *dir, const char *name,
            const char *uuid, const char *prefix, int count)
{
    FILE *in = fopen(from, "r");
    char text[65536];
    size_t len;
    int i;

    assert_non_null(in);
    len = fread(text, 1, sizeof(text) - 1, in);
    fclose(in);
    text[len] = '\0';
    for (i = 0; i < count; i++) {
        char path[1024], newname[64], newuuid[64];
        const char *p = text;
        FILE *out;

        snprintf(newname, sizeof(newname), "%s-%04d", prefix, i);
        /* first group from the prefix: no clash with the fixture's UUIDs */
        snprintf(newuuid, sizeof(newuuid), "%08x-0000-4000-8000-%012d",
                 (unsigned int)prefix[strlen(prefix) - 1] * 0x1010101u, i);
        snprintf(path, sizeof(path), "%s/%s.xml", dir, newname);
        assert_non_null(out = fopen(path, "w"));
        while (*p) {
            if (strncmp(p, name, strlen(name)) == 0 &&
                !(p[strlen(name)] == '-' || p[strlen(name)] == '_')) {
                fputs(newname, out);
                p += strlen(name);
            } else if (strncmp(p, uuid, strlen(uuid)) == 0) {
                fputs(newuuid, out);
                p += strlen(uuid);
            } else {
                putc(*p++, out);
            }
        }
        assert_int_equal(fclose(out), 0);
    }
}

/* text with every occurrence of root taken out, into out. */
static void
withoutRoot(const char *text, const char *root, char *out, size_t outlen)
{
    size_t n = strlen(root), o = 0;

    while (*text && o + 1 < outlen) {
        if (strncmp(text, root, n) == 0)
            text += n;
        else
            out[o++] = *text++;
    }
    out[o] = '\0';
}

/* Large directories are read on two threads; the malformed files still
 * cost only themselves, with the same warnings in the same order as in a
 * small directory, and nothing else changes. */
static void
testMalformedMany(void **state)
{
    virtplugDomainSink sink = { 0 };
    fakeReport *small;
    char many[600], cmd[2048], from[1024], dir[1024];
    void *priv;
    size_t nsmall, i;

    (void)state;
    assert_non_null(small = malloc(sizeof(*small)));
    assert_int_equal(openUri("/system", badroot, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    nsmall = sink.n;
    memcpy(small, fakeReportGet(), sizeof(*small));
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);

    snprintf(many, sizeof(many), "%s/many", tmpdir);
    snprintf(cmd, sizeof(cmd), "cp -a '%s' '%s'", badroot, many);
    assert_int_equal(runShell(cmd), 0);
    snprintf(from, sizeof(from), "%s/etc/libvirt/qemu/q-shutoff.xml", goodroot);
    snprintf(dir, sizeof(dir), "%s/etc/libvirt/qemu", many);
    cloneDomain(from, dir, "q-shutoff", "11111111-0000-4000-8000-000000000001",
                "many-off", 700);
    snprintf(from, sizeof(from), "%s/run/libvirt/qemu/q-transient.xml", goodroot);
    snprintf(dir, sizeof(dir), "%s/run/libvirt/qemu", many);
    cloneDomain(from, dir, "q-transient", "11111111-0000-4000-8000-000000000009",
                "many-run", 400);

    assert_int_equal(openUri("/system", many, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    assert_int_equal(sink.n, nsmall + 700 + 400);
    assert_non_null(fakeSinkFind(&sink, "many-off-0699"));
    assert_non_null(fakeSinkFind(&sink, "many-run-0399"));
    assert_true(fakeSinkFind(&sink, "many-run-0000")->info.active);
    assert_int_equal(fakeReportGet()->nwarnings, small->nwarnings);
    assert_int_equal(fakeReportGet()->nkept, small->nkept);
    for (i = 0; i < small->nkept; i++) {
        char a[512], b[512];

        /* the paths differ by the root only */
        withoutRoot(small->kept[i], badroot, a, sizeof(a));
        withoutRoot(fakeReportGet()->kept[i], many, b, sizeof(b));
        assert_string_equal(a, b);
    }
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    free(small);
}

static void
testUris(void **state)
{
    void *priv = NULL;

    (void)state;
    fakeHostReset(&(virtplugDomainSink){ 0 }, 0);
    assert_int_equal(openUri("/foo", NULL, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_INTERNAL_ERROR);
    assert_int_equal(openUri(NULL, NULL, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(openUri("/embed", NULL, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_string_equal(fakeReportGet()->message,
                        "Missing URI parameter 'root'");
    assert_int_equal(openUri("/embed", "rel", NULL, NULL, &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_CONFIG_UNSUPPORTED);
    assert_int_equal(openUri("/system", goodroot, "qmp_timeout", "0", &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(fakeReportGet()->code, VIR_ERR_INVALID_ARG);
    assert_int_equal(openUri("/system", goodroot, "qmp_timeout", "12x", &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(openUri("/system", goodroot, "qmp_dir", "rel", &priv),
                     VIRTPLUG_OPEN_ERROR);
    assert_int_equal(openUri("/system", goodroot, "qmp_timeout", "250", &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    be->close(&fakeHost, priv);
    assert_int_equal(openUri("/embed", tmpdir, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    be->close(&fakeHost, priv);
    assert_int_equal(openUri("/session", NULL, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    be->close(&fakeHost, priv);
    {
        virtplugURI other = { "xen:///system", "xen", NULL, "/system", 0, NULL };
        virtplugURI remote = { "qemu://h/system", "qemu", "h", "/system", 0, NULL };
        char *canon = NULL;

        assert_int_equal(be->open(&fakeHost, be->data, &other, 0, &priv, &canon),
                         VIRTPLUG_OPEN_DECLINED);
        assert_int_equal(be->open(&fakeHost, be->data, &remote, 0, &priv, &canon),
                         VIRTPLUG_OPEN_DECLINED);
    }
}

/* qemu:///session reads libvirt's per-user paths: configs under
 * $XDG_CONFIG_HOME/libvirt/qemu, status files under
 * $XDG_RUNTIME_DIR/libvirt/qemu/run; pids are checked. */
static void
testSession(void **state)
{
    virtplugDomainSink sink = { 0 };
    virtplugDomainRecord *rec;
    char cmd[8192], cfg[600], run[600];
    void *priv;

    pid_t child;
    int st;

    (void)state;
    /* The fixture's pids (3001..) may belong to anything on this host:
     * make them all a reaped child's, then q-running ours. */
    child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    waitpid(child, &st, 0);
    snprintf(cfg, sizeof(cfg), "%s/sess/cfg", tmpdir);
    snprintf(run, sizeof(run), "%s/sess/run", tmpdir);
    snprintf(cmd, sizeof(cmd),
             "mkdir -p '%s/libvirt' '%s/libvirt/qemu' && "
             "cp -a '%s/etc/libvirt/qemu' '%s/libvirt/qemu' && "
             "cp -a '%s/run/libvirt/qemu' '%s/libvirt/qemu/run' && "
             "cp -a '%s/var/lib/libvirt/qemu/snapshot' '%s/libvirt/qemu/' && "
             "sed -i \"s/pid='[0-9]*'/pid='%d'/\" '%s'/libvirt/qemu/run/*.xml && "
             "sed -i \"s/pid='[0-9]*'/pid='%d'/\" '%s/libvirt/qemu/run/q-running.xml'",
             cfg, run, goodroot, cfg, goodroot, run, goodroot, cfg,
             (int)child, run, (int)getpid(), run);
    assert_int_equal(runShell(cmd), 0);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    setenv("XDG_RUNTIME_DIR", run, 1);

    assert_int_equal(openUri("/session", NULL, NULL, NULL, &priv),
                     VIRTPLUG_OPEN_SUCCESS);
    fakeHostReset(&sink, VIRTPLUG_ATTRS_ALL);
    assert_int_equal(be->listAllDomains(&fakeHost, priv, 0, &sink), 0);
    /* 9 persistent domains; of the active ones only q-running's pid is
     * alive; the transient ones with dead pids are gone */
    assert_int_equal(sink.n, 9);
    assert_non_null(rec = fakeSinkFind(&sink, "q-running"));
    assert_true(rec->info.active);
    assert_int_equal(rec->info.id, 1);
    assert_non_null(rec = fakeSinkFind(&sink, "q-paused"));
    assert_false(rec->info.active);
    assert_int_equal(rec->info.snapshots, 1);
    assert_non_null(rec = fakeSinkFind(&sink, "q-snapshot"));
    assert_int_equal(rec->info.snapshots, 2);
    assert_null(fakeSinkFind(&sink, "q-transient"));
    fakeSinkClear(&sink);
    be->close(&fakeHost, priv);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_RUNTIME_DIR");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testDescriptor),
        cmocka_unit_test(testListAll),
        cmocka_unit_test(testOnlyWhatIsAsked),
        cmocka_unit_test(testPrefilter),
        cmocka_unit_test(testLookup),
        cmocka_unit_test(testMalformed),
        cmocka_unit_test(testDeadPids),
        cmocka_unit_test(testMonitorPaths),
        cmocka_unit_test(testListMonitors),
        cmocka_unit_test(testStatusReadOnce),
        cmocka_unit_test(testMalformedMany),
        cmocka_unit_test(testUris),
        cmocka_unit_test(testSession),
    };

    fakeHostEcho = true;    /* warnings and errors show in the log */
    return cmocka_run_group_tests(tests, setupTrees, teardownTrees);
}
