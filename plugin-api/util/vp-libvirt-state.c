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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vp-file.h"
#include "vp-libvirt-doc.h"
#include "vp-libvirt-state.h"

#define VP_LS_ACTIVE_GROUP (VIR_CONNECT_LIST_DOMAINS_ACTIVE | \
                            VIR_CONNECT_LIST_DOMAINS_INACTIVE)
#define VP_LS_PERSIST_GROUP (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | \
                             VIR_CONNECT_LIST_DOMAINS_TRANSIENT)

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

static void
vpLsDirFdsBegin(void)
{
    memset(vpLsDirFds, 0, sizeof(vpLsDirFds));
    vpLsDirFdsActive = true;
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

static const char *
vpLsPrintable(const char *name, char *out, size_t outlen)
{
    size_t i;

    for (i = 0; name[i] && i + 1 < outlen; i++) {
        unsigned char c = (unsigned char)name[i];
        out[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    out[i] = '\0';
    return out;
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

    return n > 0 && n <= NAME_MAX - 5 && !strchr(name, '/') &&
        strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* "DIR/NAME.xml" style paths; malloc'd or NULL. */
static char *
vpLsPath(const char *dir, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + 1 + strlen(name) + strlen(suffix) + 1;
    char *path = malloc(len);

    if (path)
        snprintf(path, len, "%s/%s%s", dir, name, suffix);
    return path;
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
    char shown[128];

    if (!layout->autostart_dir ||
        !(link = vpLsPath(layout->autostart_dir, name, ".xml")))
        return false;
    if (lstat(link, &st) < 0 || !S_ISLNK(st.st_mode))
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
                   vpLsPrintable(name, shown, sizeof(shown)));
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
    char shown[PATH_MAX], named[128], stem[128];

    vpLsDomainClear(dom);
    if (!(path = vpLsPath(dir, name, ".xml")))
        return -1;
    vpLsPrintable(path, shown, sizeof(shown));
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
    if (vpLsScanDoc(host, buf, len, kind, want, dom) != VP_LS_SCAN_OK) {
        /* Not the plain shape: libxml2 reads it (and judges it). */
        vpLsDomainClear(dom);
        if (vpLsParse(host, layout->error_from, buf, len, shown, kind, want,
                      dom) < 0)
            goto cleanup;
    }
    if (!want->monitor && strcmp(dom->name, name) != 0) {
        host->warn(layout->error_from,
                   "ignoring '%s': it names domain '%s', not '%s'", shown,
                   vpLsPrintable(dom->name, named, sizeof(named)),
                   vpLsPrintable(name, stem, sizeof(stem)));
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
    char shown[128];
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
                   vpLsPrintable(name, shown, sizeof(shown)));
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
    char **slots;
    size_t size;    /* power of two */
    size_t count;
} vpLsNameSet;

static size_t
vpLsHash(const char *s)
{
    size_t h = 1469598103934665603ull & SIZE_MAX;

    while (*s)
        h = (h ^ (unsigned char)*s++) * (1099511628211ull & SIZE_MAX);
    return h;
}

static bool
vpLsNameSetHas(const vpLsNameSet *set, const char *name)
{
    size_t i;

    if (!set->size)
        return false;
    for (i = vpLsHash(name) & (set->size - 1); set->slots[i];
         i = (i + 1) & (set->size - 1)) {
        if (strcmp(set->slots[i], name) == 0)
            return true;
    }
    return false;
}

static int
vpLsNameSetAdd(vpLsNameSet *set, const char *name)
{
    size_t i;
    char *copy;

    if (vpLsNameSetHas(set, name))
        return 0;
    if ((set->count + 1) * 2 > set->size) {
        size_t nsize = set->size ? set->size * 2 : 64;
        char **nslots = calloc(nsize, sizeof(*nslots));
        size_t j;

        if (!nslots)
            return -1;
        for (j = 0; j < set->size; j++) {
            if (!set->slots[j])
                continue;
            for (i = vpLsHash(set->slots[j]) & (nsize - 1); nslots[i];
                 i = (i + 1) & (nsize - 1))
                ;
            nslots[i] = set->slots[j];
        }
        free(set->slots);
        set->slots = nslots;
        set->size = nsize;
    }
    if (!(copy = strdup(name)))
        return -1;
    for (i = vpLsHash(name) & (set->size - 1); set->slots[i];
         i = (i + 1) & (set->size - 1))
        ;
    set->slots[i] = copy;
    set->count++;
    return 0;
}

static void
vpLsNameSetFree(vpLsNameSet *set)
{
    size_t i;

    for (i = 0; i < set->size; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof(*set));
}

/* ---- records ------------------------------------------------------------ */

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

    if (persistent < 0)
        persistent = vpLsIsRegular(layout->config_dir, dom->name, ".xml");
    info->persistent = persistent;
    info->known |= VIRTPLUG_ATTR_PERSISTENT;

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

/* ---- the API -------------------------------------------------------------- */

int
vpLibvirtStateList(const virtplugHost *host, const vpLibvirtLayout *layout,
                   unsigned int flags, virtplugDomainSink *sink)
{
    unsigned int need = host->sinkNeed(sink);
    bool want_active = !(flags & VP_LS_ACTIVE_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    bool want_inactive = !(flags & VP_LS_ACTIVE_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    bool want_persistent = !(flags & VP_LS_PERSIST_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    bool want_transient = !(flags & VP_LS_PERSIST_GROUP) ||
        (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    vpLsNameSet seen = { 0 };
    vpLsDomain dom = { .id = -1 };
    vpLsWant want;
    struct dirent *ent;
    char name[NAME_MAX + 1];
    DIR *dir;
    int ret = -1;

    vpLsDirFdsBegin();

    vpLsWantFor(need, &want);

    /* Active domains first: every valid, live status file.  Names found
     * here are remembered so that the config scan does not list them again
     * (a domain that stops in between stays listed once, as active). */
    if (want_active && layout->status_dir) {
        if (!(dir = vpLsOpenDir(layout->status_dir))) {
            if (errno != ENOENT && errno != ENOTDIR) {
                vpLsDirError(host, layout, layout->status_dir, errno);
                goto cleanup;
            }
        } else {
            while ((ent = readdir(dir))) {
                int persistent;

                if (!vpLsEntryName(ent, name, sizeof(name)))
                    continue;
                persistent = vpLsIsRegular(layout->config_dir, name, ".xml");
                if ((persistent && !want_persistent) ||
                    (!persistent && !want_transient))
                    continue;
                if (vpLsLoadActive(host, layout, name, &want, &dom) <= 0)
                    continue;
                if (vpLsNameSetAdd(&seen, name) < 0 ||
                    vpLsEmit(host, layout, sink, need, &dom, true,
                             persistent) < 0) {
                    closedir(dir);
                    goto nomem;
                }
                vpLsDomainClear(&dom);
            }
            closedir(dir);
        }
    }

    /* Inactive persistent domains: configs without a live status file. */
    if (want_inactive && want_persistent) {
        if (!(dir = vpLsOpenDir(layout->config_dir))) {
            if (errno != ENOENT && errno != ENOTDIR) {
                vpLsDirError(host, layout, layout->config_dir, errno);
                goto cleanup;
            }
        } else {
            while ((ent = readdir(dir))) {
                if (!vpLsEntryName(ent, name, sizeof(name)))
                    continue;
                if (vpLsNameSetHas(&seen, name))
                    continue;
                /* Without the active scan, a live status file is looked
                 * for here (only persistent domains pay for it). */
                if (!want_active &&
                    vpLsIsRegular(layout->status_dir, name, ".xml")) {
                    vpLsWant quick = { .title = false, .monitor = false };
                    int rc = vpLsLoadActive(host, layout, name, &quick, &dom);

                    vpLsDomainClear(&dom);
                    if (rc != 0)
                        continue;
                }
                if (vpLsLoad(host, layout, layout->config_dir, name,
                             VP_LS_DOC_CONFIG, &want, &dom) <= 0)
                    continue;
                if (vpLsEmit(host, layout, sink, need, &dom, false, 1) < 0) {
                    closedir(dir);
                    goto nomem;
                }
                vpLsDomainClear(&dom);
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
    vpLsDomainClear(&dom);
    vpLsNameSetFree(&seen);
    return ret;
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
