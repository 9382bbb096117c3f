/*
 * qmp-scan.c: standalone QEMU processes found through their QMP sockets.
 *
 * Every UNIX socket (not a symlink to one) in the QMP directory is one
 * transient, active domain.  All monitors are asked at once (qmp-client.c);
 * what they answer becomes the domain's name, UUID and state, and what they
 * could not tell is derived from the socket (qmp-identity.c):
 *  - name: query-name, else the socket's file name without extension;
 *  - UUID: query-uuid unless it is all zeros (QEMU without -uuid), else a
 *    UUID derived from the socket's path, so two such QEMUs never collide;
 *  - id: the QEMU pid from SO_PEERCRED, else a derived id above any pid;
 *  - state: query-status mapped as libvirt maps it, else "no state".
 * A socket whose connection is refused (left behind by a QEMU that was
 * killed) or that vanished is no domain: it is skipped, with a warning for
 * the refused one.  Nothing is ever written to the directory.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include "qemu-qmp.h"
#include "qmp-client.h"
#include "qmp-identity.h"
#include "qmp-state.h"

/* More sockets than this in one directory are not asked (with a warning):
 * the listing must stay bounded whatever the directory holds. */
#define QMP_SCAN_MAX_SOCKETS 4096
#define QMP_DEFAULT_TIMEOUT_MS 1000

/* One socket of the directory. */
typedef struct {
    char *path;          /* dir/name, for messages and derived values */
    char *connect_path;  /* what connect() gets (shorter via /proc if the
                          * full path does not fit in sun_path) */
    const char *file;    /* the file name, points into path */
} qmpSocket;

/* What the listing reports for one socket. */
typedef struct {
    char name[QMP_READER_MAX_TEXT + 1];
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int state;
    int reason;
} qmpDomain;

/* Whether `flags` can match a transient, active domain that has no managed
 * save, no autostart, no snapshot and no checkpoint, in a state other than
 * shut off.  Within a group any set bit matches; a group without bits does
 * not filter. */
bool
qemuQmpMayMatch(unsigned int flags)
{
    static const virtplugFilterGroup groups[] = {
        VIRTPLUG_FILTER_GROUPS(VIRTPLUG_FILTER_GROUP_ROW)
    };
    /* The flags such a domain matches, one or more in each group. */
    const unsigned int ours = VIR_CONNECT_LIST_DOMAINS_ACTIVE |
        VIR_CONNECT_LIST_DOMAINS_TRANSIENT |
        VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_OTHER |
        VIR_CONNECT_LIST_DOMAINS_PAUSED |
        VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE |
        VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART |
        VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT |
        VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT;
    size_t i;

    for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        if ((flags & groups[i].flags) && !(flags & groups[i].flags & ours))
            return false;
    }
    return true;
}

/* The skip list, with each entry's file identity taken once per scan. */
typedef struct {
    const char *const *paths;
    struct stat *ids;     /* ids[i] valid when valid[i] */
    bool *valid;
    size_t n;
} qmpSkipList;

static int
qmpSkipListInit(qmpSkipList *skip, const char *const *paths)
{
    size_t i;

    memset(skip, 0, sizeof(*skip));
    skip->paths = paths;
    while (paths && paths[skip->n])
        skip->n++;
    if (skip->n == 0)
        return 0;
    skip->ids = calloc(skip->n, sizeof(*skip->ids));
    skip->valid = calloc(skip->n, sizeof(*skip->valid));
    if (!skip->ids || !skip->valid)
        return -1;
    for (i = 0; i < skip->n; i++)
        skip->valid[i] = lstat(paths[i], &skip->ids[i]) == 0;
    return 0;
}

static void
qmpSkipListFree(qmpSkipList *skip)
{
    free(skip->ids);
    free(skip->valid);
}

static bool
qmpIsSkipped(const qmpSkipList *skip, const char *path, const struct stat *sb)
{
    size_t i;

    for (i = 0; i < skip->n; i++) {
        if (strcmp(skip->paths[i], path) == 0)
            return true;
        /* The same socket under another spelling of its path. */
        if (skip->valid[i] && skip->ids[i].st_dev == sb->st_dev &&
            skip->ids[i].st_ino == sb->st_ino)
            return true;
    }
    return false;
}

static int
qmpSocketCompare(const void *a, const void *b)
{
    return strcmp(((const qmpSocket *)a)->file, ((const qmpSocket *)b)->file);
}

static void
qmpSocketsFree(qmpSocket *socks, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(socks[i].path);
        free(socks[i].connect_path);
    }
    free(socks);
}

/* Collects the sockets of the directory open as `dirfd` (which stays open
 * and owned by the caller), sorted by file name so that duplicates resolve
 * the same way every time.  Returns 0, or -1 when out of memory or
 * unreadable (error reported). */
static int
qmpCollect(const virtplugHost *host, const qemuQmpConfig *cfg, int dirfd,
           qmpSocket **socksp, size_t *nsocksp)
{
    qmpSocket *socks = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *ent;
    bool warned = false;
    qmpSkipList skip;
    int fd2;
    DIR *dir;

    if (qmpSkipListInit(&skip, cfg->skip_paths) < 0) {
        qmpSkipListFree(&skip);
        host->reportSystemError(VIR_FROM_QEMU, 0, ENOMEM,
                                "cannot list QMP directory '%s'",
                                cfg->qmp_dir);
        return -1;
    }
    /* closedir() closes its descriptor: give it a copy. */
    if ((fd2 = dup(dirfd)) < 0 || !(dir = fdopendir(fd2))) {
        int err = errno;

        qmpSkipListFree(&skip);
        host->reportSystemError(VIR_FROM_QEMU, 0, err,
                                "cannot read QMP directory '%s'",
                                cfg->qmp_dir);
        if (fd2 >= 0)
            close(fd2);
        return -1;
    }

    while ((errno = 0, ent = readdir(dir))) {
        struct stat sb;
        struct sockaddr_un addr;
        qmpSocket *s;

        if (ent->d_name[0] == '.' &&
            (!ent->d_name[1] || (ent->d_name[1] == '.' && !ent->d_name[2])))
            continue;
        if (fstatat(dirfd, ent->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
            !S_ISSOCK(sb.st_mode))
            continue;
        if (n >= QMP_SCAN_MAX_SOCKETS) {
            if (!warned)
                host->warn(VIR_FROM_QEMU,
                           "QMP directory '%s' holds more than %d sockets; "
                           "the rest are ignored",
                           cfg->qmp_dir, QMP_SCAN_MAX_SOCKETS);
            warned = true;
            continue;
        }
        if (n == alloc) {
            size_t nalloc = alloc ? alloc * 2 : 16;
            qmpSocket *tmp = realloc(socks, nalloc * sizeof(*socks));

            if (!tmp)
                goto nomem;
            socks = tmp;
            alloc = nalloc;
        }
        s = &socks[n];
        memset(s, 0, sizeof(*s));
        if (!(s->path = vpPathJoin(cfg->qmp_dir, ent->d_name)))
            goto nomem;
        n++;
        s->file = strrchr(s->path, '/') + 1;
        if (qmpIsSkipped(&skip, s->path, &sb)) {
            free(s->path);
            n--;
            continue;
        }
        /* A path too long for sun_path is reached through the open
         * directory instead. */
        if (strlen(s->path) < sizeof(addr.sun_path))
            s->connect_path = strdup(s->path);
        else if (asprintf(&s->connect_path, "/proc/self/fd/%d/%s", dirfd,
                          ent->d_name) < 0)
            s->connect_path = NULL;
        if (!s->connect_path)
            goto nomem;
    }
    if (errno) {
        host->reportSystemError(VIR_FROM_QEMU, 0, errno,
                                "cannot read QMP directory '%s'",
                                cfg->qmp_dir);
        closedir(dir);
        qmpSkipListFree(&skip);
        qmpSocketsFree(socks, n);
        return -1;
    }
    closedir(dir);
    qmpSkipListFree(&skip);
    if (n > 1)
        qsort(socks, n, sizeof(*socks), qmpSocketCompare);
    *socksp = socks;
    *nsocksp = n;
    return 0;

 nomem:
    host->reportSystemError(VIR_FROM_QEMU, 0, ENOMEM,
                            "cannot list QMP directory '%s'", cfg->qmp_dir);
    closedir(dir);
    qmpSkipListFree(&skip);
    qmpSocketsFree(socks, n);
    return -1;
}

/* Turns one probe into a domain.  Returns false when the socket is not a
 * domain (nobody listens on it). */
static bool
qmpProbeToDomain(const virtplugHost *host, const qmpSocket *sock,
                 const qmpProbe *probe, qmpDomain *dom)
{
    static const unsigned char zero[VIR_UUID_BUFLEN];
    bool uuid_ok = false;

    if (probe->outcome == QMP_PROBE_GONE) {
        if (strcmp(probe->error, "socket vanished") != 0)
            host->warn(VIR_FROM_QEMU, "QEMU monitor '%s' skipped: %s",
                       sock->path, probe->error);
        return false;
    }
    if (probe->error[0])
        host->warn(VIR_FROM_QEMU, "QEMU monitor '%s': %s", sock->path,
                   probe->error);

    if (probe->has_name)
        snprintf(dom->name, sizeof(dom->name), "%s", probe->name);
    else
        qmpNameFromSocket(sock->file, dom->name, sizeof(dom->name));

    if (probe->has_uuid) {
        if (host->uuidParse(probe->uuid, dom->uuid) == 0)
            uuid_ok = memcmp(dom->uuid, zero, sizeof(zero)) != 0;
        else
            host->warn(VIR_FROM_QEMU, "QEMU monitor '%s': invalid UUID",
                       sock->path);
    }
    if (!uuid_ok)
        qmpUUIDFromSocket(sock->path, dom->uuid);

    dom->id = probe->pid > 0 ? probe->pid : qmpIdFromSocket(sock->path);

    dom->state = VIR_DOMAIN_NOSTATE;
    dom->reason = VIR_DOMAIN_NOSTATE_UNKNOWN;
    if (probe->outcome == QMP_PROBE_ANSWERED) {
        if (probe->has_status) {
            if (!qmpStatusToState(probe->status, &dom->state, &dom->reason))
                host->warn(VIR_FROM_QEMU,
                           "QEMU monitor '%s': unknown run state '%s'",
                           sock->path, probe->status);
        } else if (probe->running == 1) {
            dom->state = VIR_DOMAIN_RUNNING;
            dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
        } else if (probe->running == 0) {
            dom->state = VIR_DOMAIN_PAUSED;
            dom->reason = VIR_DOMAIN_PAUSED_UNKNOWN;
        }
    }
    return true;
}

static int
qmpAddToSink(const virtplugHost *host, const qmpDomain *dom,
             virtplugDomainSink *sink)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    if (!(rec = host->recordAdd(sink, dom->name, dom->uuid))) {
        host->warn(VIR_FROM_QEMU,
                   "QEMU domain '%s' not listed: its name or UUID is "
                   "already taken (or out of memory)", dom->name);
        return 0;
    }
    info = host->recordInfo(rec);
    info->known |= VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE |
        VIRTPLUG_ATTR_AUTOSTART | VIRTPLUG_ATTR_SNAPSHOT |
        VIRTPLUG_ATTR_CHECKPOINT;
    info->active = true;
    info->id = dom->id;
    info->persistent = false;
    info->state = dom->state;
    info->reason = dom->reason;
    info->managed_save = false;
    info->autostart = false;
    info->snapshots = 0;
    info->checkpoints = 0;
    /* Standalone QEMU has no title or description. */
    if (host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, NULL) < 0 ||
        host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION, NULL) < 0)
        return -1;
    info->known |= VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION;
    return 0;
}

static bool
qmpDomainMatches(const qmpDomain *dom, const virtplugDomainKey *key)
{
    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        return key->name && strcmp(dom->name, key->name) == 0;
    case VIRTPLUG_KEY_UUID:
        return memcmp(dom->uuid, key->uuid, VIR_UUID_BUFLEN) == 0;
    case VIRTPLUG_KEY_ID:
        return dom->id == key->id;
    }
    return false;
}

/* Scans and asks every monitor; then adds each domain to the sink (key
 * NULL) or only the one matching key.  Returns the number of domains added
 * for a key lookup (0 or 1), 0 for a listing, -1 on error. */
static int
qmpScan(const virtplugHost *host, const qemuQmpConfig *cfg,
        const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    qmpSocket *socks = NULL;
    qmpProbe *probes = NULL;
    size_t nsocks = 0, i;
    int timeout = cfg->timeout_ms > 0 ? cfg->timeout_ms
                                      : QMP_DEFAULT_TIMEOUT_MS;
    int dirfd;
    int ret = -1;
    int found = 0;

    if (!cfg->qmp_dir)
        return 0;
    dirfd = open(cfg->qmp_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        host->reportSystemError(VIR_FROM_QEMU, 0, errno,
                                "cannot open QMP directory '%s'",
                                cfg->qmp_dir);
        return -1;
    }
    if (qmpCollect(host, cfg, dirfd, &socks, &nsocks) < 0)
        goto cleanup;
    if (nsocks == 0) {
        ret = 0;
        goto cleanup;
    }
    if (!(probes = calloc(nsocks, sizeof(*probes)))) {
        host->reportSystemError(VIR_FROM_QEMU, 0, ENOMEM,
                                "cannot ask QEMU monitors");
        goto cleanup;
    }
    for (i = 0; i < nsocks; i++)
        probes[i].path = socks[i].connect_path;

    qmpProbeAll(probes, nsocks, timeout);

    for (i = 0; i < nsocks; i++) {
        qmpDomain dom;

        if (!qmpProbeToDomain(host, &socks[i], &probes[i], &dom))
            continue;
        if (key && (found || !qmpDomainMatches(&dom, key)))
            continue;
        if (qmpAddToSink(host, &dom, sink) < 0) {
            host->reportSystemError(VIR_FROM_QEMU, 0, ENOMEM,
                                    "cannot add QEMU domain '%s'", dom.name);
            goto cleanup;
        }
        found = 1;
    }
    ret = key ? found : 0;

 cleanup:
    free(probes);
    qmpSocketsFree(socks, nsocks);
    close(dirfd);
    return ret;
}

int
qemuQmpList(const virtplugHost *host, const qemuQmpConfig *cfg,
            unsigned int flags, virtplugDomainSink *sink)
{
    if (!qemuQmpMayMatch(flags))
        return 0;
    return qmpScan(host, cfg, NULL, sink);
}

int
qemuQmpLookup(const virtplugHost *host, const qemuQmpConfig *cfg,
              const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    return qmpScan(host, cfg, key, sink);
}
