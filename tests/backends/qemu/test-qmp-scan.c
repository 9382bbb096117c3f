/*
 * test-qmp-scan.c: qemuQmpList/qemuQmpLookup against fake monitors that
 * behave well, hang, or lie.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "qemu-qmp.h"
#include "qmp-client.h"
#include "fake-host.h"
#include "fake-monitor.h"

#define TIMEOUT_MS 500
/* The call must return within the deadline plus this. */
#define SLACK_MS 500

static char dir[64];
/* The attributes every listing here asks for. */
#define SCAN_NEED (VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_STATE)

static virtplugDomainSink sink;
/* Monitors of the current test, freed after they stopped. */
static fakeMonitor *started[32];
static size_t nstarted;

static long long
nowMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
setupDir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/vpqmp.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    fakeHostReset(&sink, SCAN_NEED);
    return 0;
}

static int
removeEntry(const char *name)
{
    char path[512];

    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
        return -1;
    return remove(path);
}

static int
teardownDir(void **state)
{
    static const char *const names[] = {
        "good.qmp", "drip.qmp", "busy.qmp", "silent.qmp", "slow.qmp",
        "badjson.qmp", "huge.qmp", "deep.qmp", "early.qmp", "garbage.qmp",
        "nogreet.qmp", "refused.qmp", "anon1.sock", "anon2.sock",
        "managed.sock", "notes.qmp", "fifo.qmp", "link.qmp", "subdir",
        "paused.qmp", "shutdown.qmp", "panic.qmp", "weird.qmp",
    };
    size_t i;
    char path[32];

    (void)state;
    fakeMonitorStopAll();
    fakeSinkClear(&sink);
    for (i = 0; i < nstarted; i++)
        free(started[i]);
    nstarted = 0;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        removeEntry(names[i]);
    for (i = 0; i < 20; i++) {
        snprintf(path, sizeof(path), "silent%02zu.qmp", i);
        removeEntry(path);
    }
    return rmdir(dir);
}

static fakeMonitor *
startMonitor(fakeKind kind, const char *file, const char *name,
             const char *uuid, const char *status)
{
    fakeMonitor *m = calloc(1, sizeof(*m));

    assert_non_null(m);
    assert_true(nstarted < sizeof(started) / sizeof(started[0]));
    started[nstarted++] = m;
    m->kind = kind;
    snprintf(m->path, sizeof(m->path), "%s/%s", dir, file);
    m->name = name;
    m->uuid = uuid;
    m->status = status;
    m->slow_ms = TIMEOUT_MS + 300;
    assert_int_equal(fakeMonitorStart(m), 0);
    return m;
}

static void
assertDomain(const char *name, int state, int reason, const char *uuid)
{
    virtplugDomainRecord *rec = fakeSinkFind(&sink, name);
    unsigned char want[VIR_UUID_BUFLEN];
    const unsigned int all = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE |
        VIRTPLUG_ATTR_AUTOSTART | VIRTPLUG_ATTR_SNAPSHOT |
        VIRTPLUG_ATTR_CHECKPOINT;

    if (!rec)
        fail_msg("domain '%s' not listed", name);
    assert_int_equal(rec->info.known & all, all);
    assert_true(rec->info.active);
    assert_false(rec->info.persistent);
    assert_false(rec->info.autostart);
    assert_false(rec->info.managed_save);
    assert_int_equal(rec->info.snapshots, 0);
    assert_int_equal(rec->info.checkpoints, 0);
    assert_true(rec->info.id > 0);
    assert_int_equal(rec->info.state, state);
    assert_int_equal(rec->info.reason, reason);
    if (uuid) {
        assert_int_equal(fakeHost.uuidParse(uuid, want), 0);
        assert_memory_equal(rec->uuid, want, VIR_UUID_BUFLEN);
    }
}

static long long
listAll(unsigned int flags, const char *const *skip)
{
    qemuQmpConfig cfg = {
        .qmp_dir = dir, .timeout_ms = TIMEOUT_MS, .skip_paths = skip,
    };
    long long start = nowMs();

    assert_int_equal(qemuQmpList(&fakeHost, &cfg, flags, &sink), 0);
    return nowMs() - start;
}

/* Well-behaved monitors answer long before the deadline, with every
 * run state mapped as libvirt maps it. */
static void
testGood(void **state)
{
    fakeMonitor *good, *drip;
    long long elapsed;

    (void)state;
    good = startMonitor(FAKE_GOOD, "good.qmp", "vm-good",
                        "11111111-2222-3333-4444-555555555555", "running");
    drip = startMonitor(FAKE_DRIP, "drip.qmp", "vm-drip",
                        "11111111-2222-3333-4444-555555555556", "prelaunch");
    startMonitor(FAKE_GOOD, "paused.qmp", "vm-paused",
                 "11111111-2222-3333-4444-555555555557", "postmigrate");
    startMonitor(FAKE_GOOD, "shutdown.qmp", "vm-shutdown",
                 "11111111-2222-3333-4444-555555555558", "shutdown");
    startMonitor(FAKE_GOOD, "panic.qmp", "vm-panic",
                 "11111111-2222-3333-4444-555555555559", "guest-panicked");
    startMonitor(FAKE_GOOD, "weird.qmp", "vm-weird",
                 "11111111-2222-3333-4444-55555555555a", "colo");

    elapsed = listAll(0, NULL);
    assert_true(elapsed < TIMEOUT_MS);
    assert_int_equal(sink.n, 6);
    assertDomain("vm-good", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                 "11111111-2222-3333-4444-555555555555");
    assertDomain("vm-drip", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                 "11111111-2222-3333-4444-555555555556");
    assertDomain("vm-paused", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
                 NULL);
    assertDomain("vm-shutdown", VIR_DOMAIN_SHUTDOWN,
                 VIR_DOMAIN_SHUTDOWN_UNKNOWN, NULL);
    assertDomain("vm-panic", VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED,
                 NULL);
    assertDomain("vm-weird", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN,
                 NULL);
    assert_true(fakeWarned("unknown run state", "colo"));
    /* The pid is the listener's: this process. */
    assert_int_equal(fakeSinkFind(&sink, "vm-good")->info.id, getpid());
    assert_int_equal(atomic_load(&good->connections), 1);
    assert_int_equal(atomic_load(&drip->connections), 1);
    assert_int_equal(fakeReportGet()->nerrors, 0);
}

/* Every kind of bad monitor costs only itself, and never the deadline. */
static void
testHostile(void **state)
{
    fakeMonitor *huge, *deep;
    long long elapsed;
    size_t i;
    static const struct {
        const char *name;
        const char *why;
    } bad[] = {
        { "busy", "no greeting" },
        { "silent", "no greeting" },
        { "slow", "no greeting" },
        { "badjson", "invalid JSON" },
        { "huge", "more than" },
        { "deep", "nested too deeply" },
        { "early", "closed the connection before answering" },
        { "garbage", "invalid JSON" },
        { "nogreet", "greeting" },
    };

    (void)state;
    startMonitor(FAKE_GOOD, "good.qmp", "vm-good",
                 "11111111-2222-3333-4444-555555555555", "paused");
    startMonitor(FAKE_BUSY, "busy.qmp", "x", NULL, NULL);
    startMonitor(FAKE_SILENT, "silent.qmp", "x", NULL, NULL);
    startMonitor(FAKE_SLOW, "slow.qmp", "vm-slow", NULL, NULL);
    startMonitor(FAKE_BAD_JSON, "badjson.qmp", "x", NULL, NULL);
    huge = startMonitor(FAKE_HUGE, "huge.qmp", "x", NULL, NULL);
    deep = startMonitor(FAKE_DEEP, "deep.qmp", "x", NULL, NULL);
    startMonitor(FAKE_EARLY_CLOSE, "early.qmp", "x", NULL, NULL);
    startMonitor(FAKE_GARBAGE, "garbage.qmp", "x", NULL, NULL);
    startMonitor(FAKE_NO_GREETING, "nogreet.qmp", "x", NULL, NULL);
    startMonitor(FAKE_REFUSED, "refused.qmp", "x", NULL, NULL);

    elapsed = listAll(0, NULL);
    fprintf(stderr, "hostile listing took %lld ms\n", elapsed);
    assert_true(elapsed >= TIMEOUT_MS - 50);
    assert_true(elapsed < TIMEOUT_MS + SLACK_MS);

    assertDomain("vm-good", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                 "11111111-2222-3333-4444-555555555555");
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assertDomain(bad[i].name, VIR_DOMAIN_NOSTATE, 0, NULL);
        if (!fakeWarned(bad[i].name, bad[i].why))
            fail_msg("no warning '%s' for '%s'", bad[i].why, bad[i].name);
    }
    /* The refused socket is a QEMU that is gone. */
    assert_null(fakeSinkFind(&sink, "refused"));
    assert_true(fakeWarned("refused.qmp", "refused"));
    assert_int_equal(sink.n, 1 + sizeof(bad) / sizeof(bad[0]));

    /* The flood was cut off near the cap, not read to its end. */
    assert_true(atomic_load(&huge->bytes_written) < 16LL << 20);
    assert_true(atomic_load(&deep->bytes_written) < 1000000);
    assert_int_equal(fakeReportGet()->nerrors, 0);
}

/* Without -name and -uuid: named after the socket file; two such QEMUs get
 * distinct, stable UUIDs. */
static void
testAnonymous(void **state)
{
    virtplugDomainRecord *a, *b;
    unsigned char first[2][VIR_UUID_BUFLEN];

    (void)state;
    startMonitor(FAKE_GOOD, "anon1.sock", NULL, NULL, "running");
    startMonitor(FAKE_GOOD, "anon2.sock", NULL, NULL, "running");
    listAll(0, NULL);
    assert_int_equal(sink.n, 2);
    a = fakeSinkFind(&sink, "anon1");
    b = fakeSinkFind(&sink, "anon2");
    assert_non_null(a);
    assert_non_null(b);
    assertDomain("anon1", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                 NULL);
    assert_memory_not_equal(a->uuid, b->uuid, VIR_UUID_BUFLEN);
    memcpy(first[0], a->uuid, VIR_UUID_BUFLEN);
    memcpy(first[1], b->uuid, VIR_UUID_BUFLEN);

    /* Same sockets, same answers: the fakes served their one client, so
     * now they are silent; names and UUIDs stay the same. */
    fakeHostReset(&sink, SCAN_NEED);
    listAll(0, NULL);
    a = fakeSinkFind(&sink, "anon1");
    b = fakeSinkFind(&sink, "anon2");
    assert_non_null(a);
    assert_non_null(b);
    assert_memory_equal(a->uuid, first[0], VIR_UUID_BUFLEN);
    assert_memory_equal(b->uuid, first[1], VIR_UUID_BUFLEN);
    assert_int_equal(a->info.state, VIR_DOMAIN_NOSTATE);
}

/* Only sockets count; skipped paths are never touched; flags that exclude
 * transient active domains skip the scan. */
static void
testSelection(void **state)
{
    fakeMonitor *managed, *good;
    const char *skip[2];
    char path[200], target[200];
    static const unsigned int excluding[] = {
        VIR_CONNECT_LIST_DOMAINS_INACTIVE,
        VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
        VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
        VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
        VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
        VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT,
        VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT,
        VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    };
    size_t i;
    FILE *fp;

    (void)state;
    good = startMonitor(FAKE_GOOD, "good.qmp", "vm-good", NULL, "running");
    managed = startMonitor(FAKE_GOOD, "managed.sock", "vm-managed", NULL,
                           "running");
    snprintf(path, sizeof(path), "%s/notes.qmp", dir);
    assert_non_null(fp = fopen(path, "w"));
    fclose(fp);
    snprintf(path, sizeof(path), "%s/fifo.qmp", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/subdir", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/link.qmp", dir);
    snprintf(target, sizeof(target), "%s/managed.sock", dir);
    assert_int_equal(symlink(target, path), 0);

    for (i = 0; i < sizeof(excluding) / sizeof(excluding[0]); i++) {
        listAll(excluding[i], NULL);
        assert_int_equal(sink.n, 0);
    }
    assert_int_equal(atomic_load(&good->connections), 0);

    skip[0] = managed->path;
    skip[1] = NULL;
    listAll(VIR_CONNECT_LIST_DOMAINS_ACTIVE |
            VIR_CONNECT_LIST_DOMAINS_TRANSIENT |
            VIR_CONNECT_LIST_DOMAINS_RUNNING |
            VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, skip);
    assert_int_equal(sink.n, 1);
    assertDomain("vm-good", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                 NULL);
    assert_int_equal(atomic_load(&managed->connections), 0);
    assert_int_equal(fakeReportGet()->nwarnings, 0);
}

/* Many hung monitors are waited for together, not one after another. */
static void
testConcurrent(void **state)
{
    char file[32];
    long long elapsed;
    size_t i;

    (void)state;
    for (i = 0; i < 20; i++) {
        snprintf(file, sizeof(file), "silent%02zu.qmp", i);
        startMonitor(FAKE_SILENT, file, NULL, NULL, NULL);
    }
    startMonitor(FAKE_GOOD, "good.qmp", "vm-good", NULL, "running");
    elapsed = listAll(0, NULL);
    assert_true(elapsed < TIMEOUT_MS + SLACK_MS);
    assert_int_equal(sink.n, 21);
    assertDomain("vm-good", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                 NULL);
    assertDomain("silent07", VIR_DOMAIN_NOSTATE, 0, NULL);
}

/* Open descriptors below `limit`: their count and the highest one (tools
 * such as valgrind keep their own above the process's limit). */
static void
countFds(long limit, int *nopen, int *maxfd)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *ent;
    int self;

    assert_non_null(d);
    self = dirfd(d);
    *nopen = 0;
    *maxfd = -1;
    while ((ent = readdir(d))) {
        int fd;

        if (ent->d_name[0] == '.' || (fd = atoi(ent->d_name)) == self ||
            fd >= limit)
            continue;
        (*nopen)++;
        if (fd > *maxfd)
            *maxfd = fd;
    }
    closedir(d);
}

/* Exits the child of testFewDescriptors with 1 when `ok` is false:
 * cmocka's assertions would go on with the other tests in the child. */
static void
childCheck(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "testFewDescriptors: failed: %s\n", what);
        _exit(1);
    }
}

/* The child of testFewDescriptors: lowers both descriptor limits (the
 * backend raises the soft one up to the hard one, and only a privileged
 * process could raise the hard one back, hence a child) so that `nfree`
 * descriptors are left, lists, and exits 0 when the listing is right. */
static void
listWithFewDescriptors(int maxfd, int nfree, int nbusy)
{
    struct rlimit low;
    virtplugDomainRecord *rec;
    qemuQmpConfig cfg = { .qmp_dir = dir, .timeout_ms = TIMEOUT_MS };
    long long start, elapsed;
    const char *name;
    int i;

    low.rlim_cur = low.rlim_max = (rlim_t)(maxfd + 1 + nfree);
    if (setrlimit(RLIMIT_NOFILE, &low) != 0)
        _exit(77); /* valgrind keeps the hard limit where it is */
    start = nowMs();
    childCheck(qemuQmpList(&fakeHost, &cfg, 0, &sink) == 0, "listing");
    elapsed = nowMs() - start;
    childCheck(elapsed < TIMEOUT_MS + SLACK_MS, "listing within the deadline");
    childCheck(sink.n == (size_t)nbusy, "every busy monitor listed");
    for (i = 0; i < nbusy; i++) {
        char file[16];

        snprintf(file, sizeof(file), "silent%02d", i);
        rec = fakeSinkFind(&sink, file);
        childCheck(rec && rec->info.active && rec->info.id > 0 &&
                   rec->info.state == VIR_DOMAIN_NOSTATE, file);
    }
    /* One free descriptor held the directory, three held monitors until
     * the deadline: the last sockets were never asked. */
    for (i = 0; i < nbusy; i++) {
        char file[16];

        snprintf(file, sizeof(file), "silent%02d", i);
        name = i < nfree - 1 ? "no greeting" : "not asked";
        childCheck(fakeWarned(file, name), name);
    }
    childCheck(fakeReportGet()->nerrors == 0, "no error");
    _exit(0);
}

/* With few file descriptors left, monitors wait for a free one; those
 * that never get one before the deadline are still listed. */
static void
testFewDescriptors(void **state)
{
    struct rlimit saved;
    char file[32];
    int nopen, maxfd, i, fd, status;
    int fillers[1024];
    int nfillers = 0;
    pid_t child;

    (void)state;
    /* Busy monitors need no descriptor on their side (never accept). */
    for (i = 0; i < 12; i++) {
        snprintf(file, sizeof(file), "silent%02d.qmp", i);
        startMonitor(FAKE_BUSY, file, NULL, NULL, NULL);
    }
    /* Fill the holes below the highest descriptor so that exactly nfree
     * descriptors are left under the limit.  The highest one must lie well
     * above the backend's reserve: with a limit below it, the backend opens
     * one socket at a time by its own choice and never runs out. */
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
    countFds((long)saved.rlim_cur, &nopen, &maxfd);
    if (maxfd < QMP_FD_RESERVE + 32)
        maxfd = QMP_FD_RESERVE + 32;
    while ((fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0 && fd < maxfd &&
           nfillers < 1024)
        fillers[nfillers++] = fd;
    if (fd >= 0)
        close(fd);
    countFds((long)saved.rlim_cur, &nopen, &maxfd);
    if (nopen != maxfd + 1) {
        for (i = 0; i < nfillers; i++)
            close(fillers[i]);
        skip();
    }
    fflush(NULL);
    child = fork();
    assert_true(child >= 0);
    if (child == 0)
        listWithFewDescriptors(maxfd, 4, 12);
    for (i = 0; i < nfillers; i++)
        close(fillers[i]);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        print_message("skipped: the hard descriptor limit cannot be "
                      "lowered here\n");
        skip();
    }
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void
testLookup(void **state)
{
    qemuQmpConfig cfg = { .qmp_dir = dir, .timeout_ms = TIMEOUT_MS };
    virtplugDomainKey key;

    (void)state;
    startMonitor(FAKE_GOOD, "good.qmp", "vm-good",
                 "11111111-2222-3333-4444-555555555555", "running");
    startMonitor(FAKE_SILENT, "silent.qmp", NULL, NULL, NULL);

    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_NAME;
    key.name = "silent";
    assert_int_equal(qemuQmpLookup(&fakeHost, &cfg, &key, &sink), 1);
    assert_int_equal(sink.n, 1);
    assertDomain("silent", VIR_DOMAIN_NOSTATE, 0, NULL);

    /* An unknown name is not found (the good monitor, which served its
     * one client, now just waits: it costs the deadline, nothing else). */
    fakeHostReset(&sink, SCAN_NEED);
    key.type = VIRTPLUG_KEY_NAME;
    key.name = "nosuch";
    assert_int_equal(qemuQmpLookup(&fakeHost, &cfg, &key, &sink), 0);
    assert_int_equal(sink.n, 0);

    /* By id: the pid, known even for monitors that do not speak. */
    fakeHostReset(&sink, SCAN_NEED);
    key.type = VIRTPLUG_KEY_ID;
    key.id = getpid();
    assert_int_equal(qemuQmpLookup(&fakeHost, &cfg, &key, &sink), 1);
    assert_int_equal(sink.n, 1);
}

static void
testLookupUUID(void **state)
{
    qemuQmpConfig cfg = { .qmp_dir = dir, .timeout_ms = TIMEOUT_MS };
    virtplugDomainKey key;

    (void)state;
    startMonitor(FAKE_GOOD, "good.qmp", "vm-good",
                 "11111111-2222-3333-4444-555555555555", "running");
    memset(&key, 0, sizeof(key));
    key.type = VIRTPLUG_KEY_UUID;
    key.name = "vm-good";
    assert_int_equal(fakeHost.uuidParse("11111111-2222-3333-4444-555555555555",
                                        key.uuid), 0);
    assert_int_equal(qemuQmpLookup(&fakeHost, &cfg, &key, &sink), 1);
    assertDomain("vm-good", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                 "11111111-2222-3333-4444-555555555555");
}

static void
testMissingDir(void **state)
{
    qemuQmpConfig cfg = { .qmp_dir = "/nonexistent/qmp", .timeout_ms = 100 };

    (void)state;
    assert_int_equal(qemuQmpList(&fakeHost, &cfg, 0, &sink), 0);
    assert_int_equal(sink.n, 0);
    assert_int_equal(fakeReportGet()->nerrors, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(testGood, setupDir, teardownDir),
        cmocka_unit_test_setup_teardown(testHostile, setupDir, teardownDir),
        cmocka_unit_test_setup_teardown(testAnonymous, setupDir, teardownDir),
        cmocka_unit_test_setup_teardown(testSelection, setupDir, teardownDir),
        cmocka_unit_test_setup_teardown(testConcurrent, setupDir,
                                        teardownDir),
        cmocka_unit_test_setup_teardown(testFewDescriptors, setupDir,
                                        teardownDir),
        cmocka_unit_test_setup_teardown(testLookup, setupDir, teardownDir),
        cmocka_unit_test_setup_teardown(testLookupUUID, setupDir,
                                        teardownDir),
        cmocka_unit_test_setup_teardown(testMissingDir, setupDir,
                                        teardownDir),
    };

    fakeHostEcho = true;    /* warnings and errors show in the log */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
