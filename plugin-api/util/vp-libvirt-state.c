/*
 * vp-libvirt-state.c: listing the domains of a libvirt driver from the files
 * it keeps on disk (see vp-libvirt-state.h for the layout).
 *
 * Only what is asked is read:
 *  - XML is read with libxml2's streaming reader and the reading stops as
 *    soon as the wanted values are known (a 10 KB status file is read up to
 *    its <uuid>; a config up to its <uuid>, or to the end of <domain> only
 *    when a title or description is wanted);
 *  - the autostart link, the managed save image and the snapshot and
 *    checkpoint directories are looked at only when the sink needs them;
 *  - the status directory is not scanned when no active domain can match,
 *    the config directory not when no inactive one can.
 *
 * Decisions (each bad file costs only its own domain, with a warning):
 *  - a status file is valid when it is a <domstatus> with a known state and
 *    a <domain> whose <name> equals the file name and whose <uuid> parses;
 *    otherwise it is ignored: the domain counts as inactive (listed from its
 *    config when persistent, absent when transient).  The same holds for a
 *    status file whose pid is dead when layout->check_pids is set, and for a
 *    file larger than VP_FILE_XML_CAP (a sparse 1 GiB file is refused by its
 *    size, without reading it);
 *  - a config is valid when it is a <domain> whose <name> equals the file
 *    name and whose <uuid> parses; otherwise the domain is skipped;
 *  - for both, a file cut short (not ending with its root's end tag) is
 *    invalid for every question (vp-libvirt-state.h says how it is told);
 *  - a domain name may be NAME_MAX - 4 bytes long (NAME.xml fits);
 *  - a domain is persistent when config_dir/NAME.xml is a regular file;
 *  - autostart: autostart_dir/NAME.xml is a symbolic link whose target's
 *    last component is NAME.xml and which does not end in a loop.  libvirt
 *    compares the link's target with the config file; comparing names
 *    instead also works for a copied tree or an embed root, whose links hold
 *    absolute paths of the original host;
 *  - managed save: save_dir/NAME.save is a regular file (not followed);
 *  - snapshot and checkpoint counts: the *.xml files in DIR/NAME/, which is
 *    what libvirt loads (their contents are not validated);
 *  - an inactive persistent domain is "shut off" with reason "unknown", as
 *    libvirt reports it after loading it from disk.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-index.h>
#include "vp-libvirt-doc.h"
#include <virtplug/vp-libvirt-state.h>

/* While a listing runs, each state directory is opened once and files are
 * opened and stat'ed relative to it: resolving the full path of 100,000
 * files one by one costs the kernel more than reading them.  Outside a
 * listing (lookups) full paths are used.  The cache is per thread, so
 * concurrent listings do not share descriptors. */
#define VP_LS_DIRFD_SLOTS 8
typedef struct {
    const char *dir;
    int fd;
} vpLsDirFd;
static _Thread_local vpLsDirFd vpLsDirFds[VP_LS_DIRFD_SLOTS];
static _Thread_local bool vpLsDirFdsActive;
/* An unreadable autostart directory is reported once per listing. */
static _Thread_local bool vpLsAutostartWarned;

/* While vpLibvirtStateListMonitors runs, the <monitor path=> of every
 * status file goes here, taken from the buffer the listing read anyway: a
 * status file is read once per listing, QMP directory or not. */
typedef struct {
    char **paths;       /* NULL-terminated once anything was added */
    size_t n;
    size_t alloc;
    bool nomem;
} vpLsMonitorList;
static _Thread_local vpLsMonitorList *vpLsMonitors;

static void
vpLsDirFdsBegin(void)
{
    memset(vpLsDirFds, 0, sizeof(vpLsDirFds));
    vpLsDirFdsActive = true;
    vpLsAutostartWarned = false;
}

static void
vpLsDirFdsEnd(void)
{
    size_t i;

    for (i = 0; i < VP_LS_DIRFD_SLOTS; i++) {
        if (vpLsDirFds[i].dir && vpLsDirFds[i].fd >= 0)
            close(vpLsDirFds[i].fd);
    }
    memset(vpLsDirFds, 0, sizeof(vpLsDirFds));
    vpLsDirFdsActive = false;
    vpLsAutostartWarned = false;
}

/* A descriptor for dir, or -1 (then the caller uses the full path). */
static int
vpLsDirFdFor(const char *dir)
{
    size_t i;

    if (!vpLsDirFdsActive || !dir)
        return -1;
    for (i = 0; i < VP_LS_DIRFD_SLOTS; i++) {
        if (vpLsDirFds[i].dir == dir)
            return vpLsDirFds[i].fd;
        if (!vpLsDirFds[i].dir) {
            vpLsDirFds[i].dir = dir;
            vpLsDirFds[i].fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            return vpLsDirFds[i].fd;
        }
    }
    return -1;
}

/* ---- files and directories --------------------------------------------- */

/* Opens a directory (never blocking).  The directories are configured
 * paths, so a symlink to them is followed.  Returns a DIR* or NULL (errno
 * set). */
static DIR *
vpLsOpenDir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
    DIR *dir;

    if (fd < 0)
        return NULL;
    if (!(dir = fdopendir(fd))) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return dir;
}

/* Whether NAME (file stem) may name a domain file at all. */
static bool
vpLsNameUsable(const char *name)
{
    size_t n = strlen(name);

    /* NAME.xml must fit in a file name; libvirt loads any such file (it
     * only refuses to write names over NAME_MAX - 8, for NAME.xml.new). */
    return n > 0 && n <= NAME_MAX - 4 && !strchr(name, '/') &&
        strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* "DIR/NAME.xml" style paths; malloc'd or NULL. */
static char *
vpLsPath(const char *dir, const char *name, const char *suffix)
{
    return vpPathJoinExt(dir, name, suffix);
}

/* 1 when path is a regular file (not followed), 0 when not, never fails. */
static int
vpLsIsRegular(const char *dir, const char *name, const char *suffix)
{
    char *path;
    struct stat st;
    int ret = 0;

    int dfd;

    if (!dir)
        return 0;
    if ((dfd = vpLsDirFdFor(dir)) >= 0) {
        char rel[NAME_MAX + 16];

        if ((size_t)snprintf(rel, sizeof(rel), "%s%s", name, suffix) >=
            sizeof(rel))
            return 0;
        return fstatat(dfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode);
    }
    if (!(path = vpLsPath(dir, name, suffix)))
        return 0;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        ret = 1;
    free(path);
    return ret;
}

static bool
vpLsAutostart(const virtplugHost *host, const vpLibvirtLayout *layout,
              const char *name)
{
    char *link, target[PATH_MAX + 1];
    const char *base;
    struct stat st;
    ssize_t n;
    bool ret = false;

    if (!layout->autostart_dir ||
        !(link = vpLsPath(layout->autostart_dir, name, ".xml")))
        return false;
    if (lstat(link, &st) < 0) {
        /* An unreadable directory costs the autostart flags, not the
         * listing: they read as "no autostart", with one warning. */
        if (errno != ENOENT && errno != ENOTDIR && !vpLsAutostartWarned) {
            host->warn(layout->error_from,
                       "cannot read autostart directory '%s': %s: domains "
                       "are listed without autostart",
                       layout->autostart_dir, strerror(errno));
            vpLsAutostartWarned = vpLsDirFdsActive;
        }
        goto cleanup;
    }
    if (!S_ISLNK(st.st_mode))
        goto cleanup;
    if ((n = readlink(link, target, sizeof(target) - 1)) <= 0)
        goto cleanup;
    target[n] = '\0';
    base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if (strncmp(base, name, strlen(name)) != 0 ||
        strcmp(base + strlen(name), ".xml") != 0)
        goto cleanup;
    /* stat() only resolves the chain (nothing is opened); a loop is
     * reported and means "no autostart", as it does for libvirt. */
    if (stat(link, &st) < 0 && errno == ELOOP) {
        host->warn(layout->error_from,
                   "ignoring autostart link of domain '%s': symbolic link loop",
                   name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    free(link);
    return ret;
}

/* The number of *.xml files in DIR/NAME (0 when there is no such dir). */
static int
vpLsCountXml(const char *dir, const char *name)
{
    char *path;
    DIR *d;
    struct dirent *ent;
    int count = 0;

    if (!dir || !(path = vpLsPath(dir, name, "")))
        return 0;
    d = vpLsOpenDir(path);
    free(path);
    if (!d)
        return 0;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] != '.' && vpHasSuffix(ent->d_name, ".xml") &&
            count < INT_MAX)
            count++;
    }
    closedir(d);
    return count;
}

/* Fills dom from one document.  Whether the file counts is decided the same
 * way whatever the question (see vp-libvirt-state.h): by its name and UUID,
 * and, when its end is not the root's end tag, by libxml2 reading all of it;
 * a title or description that cannot be read is left out, with a warning,
 * and costs nothing else.  Returns 0, or -1 after a warning. */
static int
vpLsLoadBuffer(const virtplugHost *host, int from, const char *buf,
               size_t len, const char *path, vpLsDocKind kind,
               const vpLsWant *want, vpLsDomain *dom)
{
    vpLsWant member = { .title = false, .monitor = want->monitor };
    vpLsDomain extra = { .id = -1 };
    bool closed = want->monitor || vpLsScanClosed(buf, len, kind);

    /* The plain shape, read once for everything wanted. */
    if (closed && vpLsScanDoc(host, buf, len, kind, want, dom) == VP_LS_SCAN_OK)
        return 0;
    vpLsDomainClear(dom);
    if (want->title && closed &&
        vpLsScanDoc(host, buf, len, kind, &member, dom) == VP_LS_SCAN_OK)
        goto title;
    /* Not the plain shape, or cut short: libxml2 reads it and judges. */
    vpLsDomainClear(dom);
    member.whole = !closed;
    if (vpLsParse(host, from, buf, len, path, kind, &member, dom) < 0)
        return -1;
    if (!want->title)
        return 0;

 title:
    if (vpLsParse(host, from, buf, len, path, kind, want, &extra) == 0) {
        dom->title = extra.title;
        dom->description = extra.description;
        extra.title = extra.description = NULL;
    }
    vpLsDomainClear(&extra);
    return 0;
}

static void
vpLsMonitorAdd(char *path)
{
    vpLsMonitorList *list = vpLsMonitors;

    if (!path) {
        list->nomem = true;
        return;
    }
    if (list->n + 2 > list->alloc) {
        size_t nalloc = list->alloc ? list->alloc * 2 : 16;
        char **bigger = realloc(list->paths, nalloc * sizeof(*bigger));

        if (!bigger) {
            free(path);
            list->nomem = true;
            return;
        }
        list->paths = bigger;
        list->alloc = nalloc;
    }
    list->paths[list->n++] = path;
    list->paths[list->n] = NULL;
}

/* Collects the monitor path of a status file from its buffer.  `found` is
 * what the listing's own parse saw (NULL when it saw none or failed); else
 * the buffer is parsed again for the monitor alone, as far as <monitor>,
 * which is what a separate monitor scan would have judged. */
static void
vpLsCollectMonitor(const virtplugHost *host, int from, const char *buf,
                   size_t len, const char *path, const vpLsWant *want,
                   const char *found)
{
    vpLsWant only = { .title = false, .monitor = true };
    vpLsDomain mon = { .id = -1 };

    if (found) {
        vpLsMonitorAdd(strdup(found));
        return;
    }
    if (want->monitor)
        return;     /* that parse was the monitor parse */
    if (vpLsLoadBuffer(host, from, buf, len, path, VP_LS_DOC_STATUS, &only,
                       &mon) == 0 && mon.monitor) {
        vpLsMonitorAdd(mon.monitor);
        mon.monitor = NULL;
    }
    vpLsDomainClear(&mon);
}

/* Reads and parses DIR/NAME.xml.  Returns 1 parsed, 0 missing, -1 bad (a
 * warning was given). */
static int
vpLsLoad(const virtplugHost *host, const vpLibvirtLayout *layout,
         const char *dir, const char *name, vpLsDocKind kind,
         const vpLsWant *want, vpLsDomain *dom)
{
    char *path, *buf = NULL;
    size_t len = 0;
    vpFileStatus st;
    int ret = -1;

    vpLsDomainClear(dom);
    if (!(path = vpLsPath(dir, name, ".xml")))
        return -1;
    {
        int dfd = vpLsDirFdFor(dir);
        char rel[NAME_MAX + 8];

        if (dfd >= 0 &&
            (size_t)snprintf(rel, sizeof(rel), "%s.xml", name) < sizeof(rel))
            st = vpFileRead(host, layout->error_from, dfd, rel, false,
                            VP_FILE_XML_CAP, &buf, &len);
        else
            st = vpFileRead(host, layout->error_from, AT_FDCWD, path, false,
                            VP_FILE_XML_CAP, &buf, &len);
    }
    if (st == VP_FILE_MISSING) {
        ret = 0;
        goto cleanup;
    }
    if (st != VP_FILE_OK)
        goto cleanup;
    {
        int rc = vpLsLoadBuffer(host, layout->error_from, buf, len, path,
                                kind, want, dom);

        if (vpLsMonitors && kind == VP_LS_DOC_STATUS)
            vpLsCollectMonitor(host, layout->error_from, buf, len, path, want,
                               rc == 0 ? dom->monitor : NULL);
        if (rc < 0)
            goto cleanup;
    }
    if (!want->monitor && strcmp(dom->name, name) != 0) {
        host->warn(layout->error_from,
                   "ignoring '%s': it names domain '%s', not '%s'", path,
                   dom->name, name);
        goto cleanup;
    }
    ret = 1;

 cleanup:
    if (ret != 1)
        vpLsDomainClear(dom);
    free(buf);
    free(path);
    return ret;
}

/* Loads the status file of NAME and checks that it describes a running
 * QEMU.  Returns 1 active (dom filled), 0 not active, -1 out of memory. */
static int
vpLsLoadActive(const virtplugHost *host, const vpLibvirtLayout *layout,
               const char *name, const vpLsWant *want, vpLsDomain *dom)
{
    int rc;

    if (!layout->status_dir)
        return 0;
    rc = vpLsLoad(host, layout, layout->status_dir, name, VP_LS_DOC_STATUS,
                  want, dom);
    if (rc <= 0)
        return 0;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        /* libvirt never keeps a status file for a shut off domain. */
        host->warn(layout->error_from,
                   "ignoring status of domain '%s': state is shut off",
                   name);
        vpLsDomainClear(dom);
        return 0;
    }
    if (layout->check_pids && !vpPidAlive((pid_t)dom->pid)) {
        vpLsDomainClear(dom);
        return 0;
    }
    return 1;
}

/* ---- a set of names (which domains were found active) ------------------ */

typedef struct {
    char **names;
    size_t count;
    size_t cap;
    vpIndex index;
} vpLsNameSet;

static const void *
vpLsNameSetKey(const void *opaque, size_t pos, size_t *len)
{
    const vpLsNameSet *set = opaque;

    *len = strlen(set->names[pos]);
    return set->names[pos];
}

static void
vpLsNameSetInit(vpLsNameSet *set)
{
    memset(set, 0, sizeof(*set));
    vpIndexInit(&set->index, vpLsNameSetKey, set);
}

static bool
vpLsNameSetHas(const vpLsNameSet *set, const char *name)
{
    return vpIndexFind(&set->index, name, strlen(name)) >= 0;
}

static int
vpLsNameSetAdd(vpLsNameSet *set, const char *name)
{
    if (vpLsNameSetHas(set, name))
        return 0;
    if (set->count == set->cap) {
        size_t ncap = set->cap ? set->cap * 2 : 64;
        char **names = realloc(set->names, ncap * sizeof(*names));

        if (!names)
            return -1;
        set->names = names;
        set->cap = ncap;
    }
    if (!(set->names[set->count] = strdup(name)))
        return -1;
    if (vpIndexAdd(&set->index, set->count) < 0) {
        free(set->names[set->count]);
        return -1;
    }
    set->count++;
    return 0;
}

static void
vpLsNameSetFree(vpLsNameSet *set)
{
    size_t i;

    for (i = 0; i < set->count; i++)
        free(set->names[i]);
    free(set->names);
    vpIndexClear(&set->index);
    memset(set, 0, sizeof(*set));
}

/* ---- records ------------------------------------------------------------ */

/* vpLsEmit's `persistent` when nothing asked for it: no stat of the config
 * (a listing without a persistence filter, a table of ids, names and
 * states, saves one system call per running domain). */
#define VP_LS_PERSISTENT_UNASKED (-3)

/* Adds dom to the sink with what `need` asks for.  active: dom came from a
 * status file.  Returns 0 (also when the sink already has the domain), -1
 * out of memory. */
static int
vpLsEmit(const virtplugHost *host, const vpLibvirtLayout *layout,
         virtplugDomainSink *sink, unsigned int need, const vpLsDomain *dom,
         bool active, int persistent)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    if (!(rec = host->recordAdd(sink, dom->name, dom->uuid)))
        return 0;   /* already reported (or no memory: nothing to add to) */
    info = host->recordInfo(rec);

    info->active = active;
    info->id = active ? dom->id : -1;
    info->known |= VIRTPLUG_ATTR_ACTIVE;

    if (persistent == VP_LS_PERSISTENT_UNASKED)
        persistent = -2;    /* left unknown: the core asks if needed */
    else if (persistent < 0)
        persistent = vpLsIsRegular(layout->config_dir, dom->name, ".xml");
    if (persistent >= 0) {
        info->persistent = persistent;
        info->known |= VIRTPLUG_ATTR_PERSISTENT;
    }

    if (active) {
        info->state = dom->state;
        info->reason = dom->reason;
    } else {
        info->state = VIR_DOMAIN_SHUTOFF;
        info->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    }
    info->known |= VIRTPLUG_ATTR_STATE;

    if (need & VIRTPLUG_ATTR_MANAGEDSAVE) {
        info->managed_save = vpLsIsRegular(layout->save_dir, dom->name,
                                           ".save");
        info->known |= VIRTPLUG_ATTR_MANAGEDSAVE;
    }
    if (need & VIRTPLUG_ATTR_AUTOSTART) {
        info->autostart = persistent && vpLsAutostart(host, layout, dom->name);
        info->known |= VIRTPLUG_ATTR_AUTOSTART;
    }
    if (need & VIRTPLUG_ATTR_SNAPSHOT) {
        info->snapshots = vpLsCountXml(layout->snapshot_dir, dom->name);
        info->known |= VIRTPLUG_ATTR_SNAPSHOT;
    }
    if (need & VIRTPLUG_ATTR_CHECKPOINT) {
        info->checkpoints = vpLsCountXml(layout->checkpoint_dir, dom->name);
        info->known |= VIRTPLUG_ATTR_CHECKPOINT;
    }
    if (need & VIRTPLUG_ATTR_TITLE) {
        if (host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, dom->title) < 0)
            return -1;
    }
    if (need & VIRTPLUG_ATTR_DESCRIPTION) {
        if (host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION,
                                dom->description) < 0)
            return -1;
    }
    return 0;
}

static void
vpLsWantFor(unsigned int need, vpLsWant *want)
{
    want->title = (need & (VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION)) != 0;
    want->monitor = false;
    want->whole = false;
}

/* The stem of a directory entry named STEM.xml, copied into out. */
static bool
vpLsEntryName(const struct dirent *ent, char *out, size_t outlen)
{
    size_t n = strlen(ent->d_name);

    if (!vpHasSuffix(ent->d_name, ".xml") || n - 4 >= outlen)
        return false;
    memcpy(out, ent->d_name, n - 4);
    out[n - 4] = '\0';
    return vpLsNameUsable(out);
}

static int
vpLsDirError(const virtplugHost *host, const vpLibvirtLayout *layout,
             const char *dir, int err)
{
    host->reportSystemError(layout->error_from, VIR_ERR_SYSTEM_ERROR, err,
                            "cannot open directory '%s'", dir);
    return -1;
}

/* The status directory cannot be read: its domains cannot be told active.
 * That costs what it holds (transient domains are not listed, persistent
 * ones are listed from their configs as shut off), not the listing. */
static void
vpLsStatusDirWarn(const virtplugHost *host, const vpLibvirtLayout *layout,
                  int err)
{
    host->warn(layout->error_from,
               "cannot read status directory '%s': %s: no domain is listed "
               "as active", layout->status_dir, strerror(err));
}

/* ---- reading files on both cores ------------------------------------------ */

/* Files are read and parsed in batches of names taken from a directory, on
 * this thread and one more when the machine has a second core; then the
 * results are added to the sink on this thread, in directory order, so the
 * sink sees what a one-thread listing would (which of two files with one
 * UUID wins does not depend on timing).  At 10,000 domains reading and
 * parsing is most of a listing's time, and it parallelises: each file is
 * its own work.  Small directories stay on one thread, where a thread's
 * start costs more than it saves and the order of warnings stays fixed. */
#define VP_LS_BATCH 1024
#define VP_LS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define VP_LS_PARALLEL_MIN 256

/* A warning given while a batch ran, replayed on the listing's thread:
 * nothing calls the application's error handler from another thread, and
 * warnings come in directory order whichever thread read the file. */
typedef struct vpLsNote {
    struct vpLsNote *next;
    int from;
    char text[];
} vpLsNote;

typedef struct {
    char name[NAME_MAX + 1];
    int persistent;
    int rc;                 /* > 0: dom holds a domain to add */
    vpLsDomain dom;
    vpLsNote *notes;        /* in the order given */
} vpLsItem;

static _Thread_local vpLsItem *vpLsNoteItem;

static void VP_LS_PRINTF(2, 3)
vpLsNoteWarn(int from, const char *fmt, ...)
{
    vpLsItem *item = vpLsNoteItem;
    vpLsNote *note, **tail;
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (!item || len < 0 || !(note = malloc(sizeof(*note) + (size_t)len + 1)))
        return;
    va_start(ap, fmt);
    vsnprintf(note->text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    note->from = from;
    note->next = NULL;
    for (tail = &item->notes; *tail; tail = &(*tail)->next)
        ;
    *tail = note;
}

/* Gives the item's warnings through the real host, and forgets them. */
static void
vpLsNotesReplay(const virtplugHost *host, vpLsItem *item)
{
    while (item->notes) {
        vpLsNote *note = item->notes;

        item->notes = note->next;
        host->warn(note->from, "%s", note->text);
        free(note);
    }
}

typedef struct vpLsBatch vpLsBatch;
typedef void (*vpLsItemFunc)(const vpLsBatch *batch, vpLsItem *item);

struct vpLsBatch {
    const virtplugHost *host;   /* warnings go to the items' notes */
    const virtplugHost *real;   /* the caller's */
    const vpLibvirtLayout *layout;
    const vpLsWant *want;
    bool want_active, want_persistent, want_transient;
    bool need_persistent;       /* the sink asks for ATTR_PERSISTENT */
    vpLsItemFunc fn;
    vpLsItem *items;
    size_t n;
    atomic_size_t next;
    vpLsMonitorList *helper_monitors;   /* the helper's collected paths */
};

static void
vpLsBatchRun(vpLsBatch *batch)
{
    size_t i;

    while ((i = atomic_fetch_add(&batch->next, 1)) < batch->n) {
        vpLsNoteItem = &batch->items[i];
        batch->fn(batch, &batch->items[i]);
    }
    vpLsNoteItem = NULL;
}

static void *
vpLsBatchHelper(void *opaque)
{
    vpLsBatch *batch = opaque;

    vpLsDirFdsBegin();
    vpLsMonitors = batch->helper_monitors;
    vpLsBatchRun(batch);
    vpLsMonitors = NULL;
    vpLsDirFdsEnd();
    return NULL;
}

static bool
vpLsTwoCores(void)
{
    static atomic_int cores;
    int n = atomic_load(&cores);

    if (!n) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);

        n = online > 1 ? 2 : 1;
        atomic_store(&cores, n);
    }
    return n > 1;
}

/* Runs batch->fn on every item, on two threads when it pays. */
static void
vpLsBatchProcess(vpLsBatch *batch)
{
    vpLsMonitorList helper = { 0 };
    pthread_t thread;
    bool started = false;
    size_t i;

    atomic_store(&batch->next, 0);
    batch->helper_monitors = vpLsMonitors ? &helper : NULL;
    if (batch->n >= VP_LS_PARALLEL_MIN && vpLsTwoCores()) {
        vpLsParseInit();    /* before two threads may reach libxml2 */
        started = pthread_create(&thread, NULL, vpLsBatchHelper, batch) == 0;
    }
    vpLsBatchRun(batch);
    if (!started)
        return;
    pthread_join(thread, NULL);
    if (vpLsMonitors) {
        for (i = 0; i < helper.n; i++)
            vpLsMonitorAdd(helper.paths[i]);
        if (helper.nomem)
            vpLsMonitors->nomem = true;
        free(helper.paths);
    }
}

/* A status file: is the domain active (and wanted)? */
static void
vpLsActiveItem(const vpLsBatch *b, vpLsItem *item)
{
    item->rc = 0;
    if (b->want_persistent && b->want_transient && !b->need_persistent) {
        item->persistent = VP_LS_PERSISTENT_UNASKED;
        item->rc = vpLsLoadActive(b->host, b->layout, item->name, b->want,
                                  &item->dom);
        return;
    }
    item->persistent = vpLsIsRegular(b->layout->config_dir, item->name,
                                     ".xml");
    if ((item->persistent && !b->want_persistent) ||
        (!item->persistent && !b->want_transient)) {
        if (vpLsMonitors) {
            vpLsWant only = { .title = false, .monitor = true };

            vpLsLoad(b->host, b->layout, b->layout->status_dir, item->name,
                     VP_LS_DOC_STATUS, &only, &item->dom);
            vpLsDomainClear(&item->dom);
        }
        return;
    }
    item->rc = vpLsLoadActive(b->host, b->layout, item->name, b->want,
                              &item->dom);
}

/* A config: an inactive persistent domain? */
static void
vpLsConfigItem(const vpLsBatch *b, vpLsItem *item)
{
    item->rc = 0;
    item->persistent = 1;
    /* Without the active scan, a live status file is looked for here
     * (only persistent domains pay for it). */
    if (!b->want_active &&
        vpLsIsRegular(b->layout->status_dir, item->name, ".xml")) {
        vpLsWant quick = { .title = false, .monitor = false };
        int rc = vpLsLoadActive(b->host, b->layout, item->name, &quick,
                                &item->dom);

        vpLsDomainClear(&item->dom);
        if (rc != 0)
            return;
    }
    item->rc = vpLsLoad(b->host, b->layout, b->layout->config_dir,
                        item->name, VP_LS_DOC_CONFIG, b->want, &item->dom);
}

/* ---- the API -------------------------------------------------------------- */

int
vpLibvirtStateList(const virtplugHost *host, const vpLibvirtLayout *layout,
                   unsigned int flags, virtplugDomainSink *sink)
{
    unsigned int need = host->sinkNeed(sink);
    bool want_active = !(flags & VIRTPLUG_GROUP_FLAGS_ACTIVE) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    bool want_inactive = !(flags & VIRTPLUG_GROUP_FLAGS_ACTIVE) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    bool want_persistent = !(flags & VIRTPLUG_GROUP_FLAGS_PERSISTENT) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    bool want_transient = !(flags & VIRTPLUG_GROUP_FLAGS_PERSISTENT) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    vpLsNameSet seen;
    vpLsBatch batch = { 0 };
    virtplugHost noteHost;
    vpLsWant want;
    struct dirent *ent;
    size_t i;
    DIR *dir;
    int ret = -1;

    vpLsNameSetInit(&seen);
    vpLsDirFdsBegin();

    vpLsWantFor(need, &want);
    noteHost = *host;
    noteHost.warn = vpLsNoteWarn;
    batch.host = &noteHost;
    batch.real = host;
    batch.layout = layout;
    batch.want = &want;
    batch.want_active = want_active;
    batch.want_persistent = want_persistent;
    batch.want_transient = want_transient;
    batch.need_persistent = (need & VIRTPLUG_ATTR_PERSISTENT) != 0;
    if (!(batch.items = calloc(VP_LS_BATCH, sizeof(*batch.items))))
        goto nomem;

    /* Active domains first: every valid, live status file.  Names found
     * here are remembered so that the config scan does not list them again
     * (a domain that stops in between stays listed once, as active). */
    if (want_active && layout->status_dir) {
        if (!(dir = vpLsOpenDir(layout->status_dir))) {
            if (errno != ENOENT && errno != ENOTDIR)
                vpLsStatusDirWarn(host, layout, errno);
        } else {
            bool end = false;

            batch.fn = vpLsActiveItem;
            while (!end) {
                batch.n = 0;
                while (batch.n < VP_LS_BATCH && !(end = !(ent = readdir(dir)))) {
                    if (vpLsEntryName(ent, batch.items[batch.n].name,
                                      sizeof(batch.items[0].name)))
                        batch.n++;
                }
                vpLsBatchProcess(&batch);
                for (i = 0; i < batch.n; i++) {
                    vpLsItem *it = &batch.items[i];

                    vpLsNotesReplay(host, it);
                    if (it->rc > 0 &&
                        (vpLsNameSetAdd(&seen, it->name) < 0 ||
                         vpLsEmit(host, layout, sink, need, &it->dom, true,
                                  it->persistent) < 0)) {
                        closedir(dir);
                        goto nomem;
                    }
                    vpLsDomainClear(&it->dom);
                }
            }
            closedir(dir);
        }
    }

    /* Inactive persistent domains: configs without a live status file. */
    if (want_inactive && want_persistent && !want_active &&
        layout->status_dir && vpLsDirFdFor(layout->status_dir) < 0 &&
        errno != ENOENT && errno != ENOTDIR)
        vpLsStatusDirWarn(host, layout, errno);
    if (want_inactive && want_persistent) {
        if (!(dir = vpLsOpenDir(layout->config_dir))) {
            if (errno != ENOENT && errno != ENOTDIR) {
                vpLsDirError(host, layout, layout->config_dir, errno);
                goto cleanup;
            }
        } else {
            bool end = false;

            batch.fn = vpLsConfigItem;
            while (!end) {
                batch.n = 0;
                while (batch.n < VP_LS_BATCH && !(end = !(ent = readdir(dir)))) {
                    vpLsItem *it = &batch.items[batch.n];

                    if (vpLsEntryName(ent, it->name, sizeof(it->name)) &&
                        !vpLsNameSetHas(&seen, it->name))
                        batch.n++;
                }
                vpLsBatchProcess(&batch);
                for (i = 0; i < batch.n; i++) {
                    vpLsItem *it = &batch.items[i];

                    vpLsNotesReplay(host, it);
                    if (it->rc > 0 &&
                        vpLsEmit(host, layout, sink, need, &it->dom, false,
                                 1) < 0) {
                        closedir(dir);
                        goto nomem;
                    }
                    vpLsDomainClear(&it->dom);
                }
            }
            closedir(dir);
        }
    }
    ret = 0;
    goto cleanup;

 nomem:
    host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                      "listing domains");
 cleanup:
    vpLsDirFdsEnd();
    if (batch.items) {
        for (i = 0; i < VP_LS_BATCH; i++) {
            vpLsNotesReplay(host, &batch.items[i]);
            vpLsDomainClear(&batch.items[i].dom);
        }
    }
    free(batch.items);
    vpLsNameSetFree(&seen);
    return ret;
}

int
vpLibvirtStateListMonitors(const virtplugHost *host,
                           const vpLibvirtLayout *layout, unsigned int flags,
                           virtplugDomainSink *sink, char ***monitors)
{
    vpLsMonitorList list = { 0 };
    size_t i;
    int ret;

    *monitors = NULL;
    /* Only the scan of active domains reads every status file. */
    if (!(flags & VIRTPLUG_GROUP_FLAGS_ACTIVE) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE))
        vpLsMonitors = &list;
    ret = vpLibvirtStateList(host, layout, flags, sink);
    vpLsMonitors = NULL;
    if (ret == 0 && !list.nomem && !list.paths &&
        !(list.paths = calloc(1, sizeof(*list.paths))))
        list.nomem = true;
    if (ret == 0 && list.nomem) {
        host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                          "reading monitor paths");
        ret = -1;
    }
    if (ret < 0) {
        for (i = 0; i < list.n; i++)
            free(list.paths[i]);
        free(list.paths);
        return -1;
    }
    *monitors = list.paths;
    return 0;
}

/* Emits NAME (active or inactive) when it exists.  1 found, 0 not, -1 err. */
static int
vpLsLookupName(const virtplugHost *host, const vpLibvirtLayout *layout,
               const char *name, const unsigned char *uuid,
               virtplugDomainSink *sink)
{
    unsigned int need = host->sinkNeed(sink);
    vpLsDomain dom = { .id = -1 };
    vpLsWant want;
    int ret = 0;
    bool active = false;

    if (!vpLsNameUsable(name))
        return 0;
    vpLsWantFor(need, &want);
    if (vpLsLoadActive(host, layout, name, &want, &dom) > 0)
        active = true;
    else if (vpLsLoad(host, layout, layout->config_dir, name,
                      VP_LS_DOC_CONFIG, &want, &dom) <= 0)
        goto cleanup;
    if (uuid && memcmp(uuid, dom.uuid, VIR_UUID_BUFLEN) != 0)
        goto cleanup;
    if (vpLsEmit(host, layout, sink, need, &dom, active, -1) < 0) {
        host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                          "looking up a domain");
        ret = -1;
    } else {
        ret = 1;
    }

 cleanup:
    vpLsDomainClear(&dom);
    return ret;
}

/* Scans DIR for the domain with this UUID or id, only reading each file as
 * far as its <uuid>.  Returns the name (malloc'd) or NULL. */
static char *
vpLsFindName(const virtplugHost *host, const vpLibvirtLayout *layout,
             const char *dirpath, vpLsDocKind kind,
             const virtplugDomainKey *key)
{
    vpLsWant want = { .title = false, .monitor = false };
    vpLsDomain dom = { .id = -1 };
    struct dirent *ent;
    char name[NAME_MAX + 1];
    char *found = NULL;
    DIR *dir;

    if (!dirpath || !(dir = vpLsOpenDir(dirpath)))
        return NULL;
    while (!found && (ent = readdir(dir))) {
        bool match;

        if (!vpLsEntryName(ent, name, sizeof(name)))
            continue;
        if (kind == VP_LS_DOC_STATUS) {
            if (vpLsLoadActive(host, layout, name, &want, &dom) <= 0)
                continue;
        } else if (vpLsLoad(host, layout, dirpath, name, kind, &want,
                            &dom) <= 0) {
            continue;
        }
        if (key->type == VIRTPLUG_KEY_ID)
            match = dom.id == key->id;
        else
            match = memcmp(dom.uuid, key->uuid, VIR_UUID_BUFLEN) == 0;
        if (match)
            found = strdup(name);
        vpLsDomainClear(&dom);
    }
    closedir(dir);
    return found;
}

int
vpLibvirtStateLookup(const virtplugHost *host, const vpLibvirtLayout *layout,
                     const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    char *name;
    int rc;

    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        return key->name ? vpLsLookupName(host, layout, key->name, NULL, sink)
                         : 0;
    case VIRTPLUG_KEY_UUID:
        /* A per-domain query names the domain too: try the cheap way. */
        if (key->name &&
            (rc = vpLsLookupName(host, layout, key->name, key->uuid, sink)) != 0)
            return rc;
        if (!(name = vpLsFindName(host, layout, layout->status_dir,
                                  VP_LS_DOC_STATUS, key)))
            name = vpLsFindName(host, layout, layout->config_dir,
                                VP_LS_DOC_CONFIG, key);
        break;
    case VIRTPLUG_KEY_ID:
        if (key->id <= 0)
            return 0;
        name = vpLsFindName(host, layout, layout->status_dir,
                            VP_LS_DOC_STATUS, key);
        break;
    default:
        return 0;
    }
    if (!name)
        return 0;
    rc = vpLsLookupName(host, layout, name,
                        key->type == VIRTPLUG_KEY_UUID ? key->uuid : NULL, sink);
    free(name);
    return rc;
}

char **
vpLibvirtStateMonitorPaths(const virtplugHost *host,
                           const vpLibvirtLayout *layout)
{
    vpLsWant want = { .title = false, .monitor = true };
    vpLsDomain dom = { .id = -1 };
    struct dirent *ent;
    char name[NAME_MAX + 1];
    char **paths;
    size_t n = 0, alloc = 8;
    DIR *dir;

    if (!(paths = calloc(alloc, sizeof(*paths))))
        return NULL;
    if (!layout->status_dir || !(dir = vpLsOpenDir(layout->status_dir)))
        return paths;
    while ((ent = readdir(dir))) {
        if (!vpLsEntryName(ent, name, sizeof(name)))
            continue;
        if (vpLsLoad(host, layout, layout->status_dir, name,
                     VP_LS_DOC_STATUS, &want, &dom) <= 0 || !dom.monitor) {
            vpLsDomainClear(&dom);
            continue;
        }
        if (n + 2 > alloc) {
            char **bigger = realloc(paths, alloc * 2 * sizeof(*paths));

            if (!bigger)
                goto nomem;
            paths = bigger;
            alloc *= 2;
        }
        paths[n++] = dom.monitor;
        paths[n] = NULL;
        dom.monitor = NULL;
        vpLsDomainClear(&dom);
    }
    closedir(dir);
    return paths;

 nomem:
    closedir(dir);
    vpLsDomainClear(&dom);
    while (n > 0)
        free(paths[--n]);
    free(paths);
    return NULL;
}
