/*
 * module-loader.c: finds and loads the backend modules.
 *
 * The directory is scanned once per process, in file-name order, so which
 * module wins a name or scheme clash does not depend on readdir order.
 * Only regular files named *.so are considered (a symlink is not followed:
 * whoever installs a backend installs a file).  A module that cannot be
 * used is kept with the reason, for `virtplug backends` and for the "no
 * backend for URI" error.  Modules are never unloaded: a backend may have
 * threads or TLS destructors, and unloading is not safe while other
 * threads may be inside it.
 *
 * Safe places only (the rule is in module-safety.c): the module file and
 * the backend directory must be owned by root or the effective user and
 * writable by neither group nor others, or nothing in the directory is
 * loaded.  The directories above are checked the same way up to "/" for
 * the built-in directory, which a process trusts without anyone having
 * named it; not for one named by VIRTPLUG_BACKEND_DIR: whoever sets that
 * variable controls the process's environment and could as well set
 * LD_PRELOAD, and secure_getenv() ignores it where the environment is
 * someone else's (set-user-ID programs).  That lets `make check` load the
 * build tree's modules wherever the tree is, while the build tree's own
 * modules and .libs directory are made safe by the build (Makefile.am).
 *
 * The checks are made on what is opened, not on a name looked up again:
 * the directory is resolved once (realpath) and opened, each module is
 * opened relative to it with O_NOFOLLOW and checked with fstat().
 * dlopen() then takes the module's resolved path, which nobody but root or
 * the effective user can make name another file once the directories are
 * checked (for a VIRTPLUG_BACKEND_DIR, whoever controls the directories
 * above it, as said); after the load the path must still name the checked
 * file.  Loading through /proc/self/fd/N instead would pin the file, but
 * that name becomes the object's name in the link map: sanitizer and gdb
 * back traces lose the module, dladdr() reports it, and glibc takes a
 * later dlopen() of the same /proc/self/fd/N for the object already
 * loaded; and /proc may not be mounted.
 */
#include <config.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include "host-table.h"
#include "module-loader.h"
#include "module-safety.h"
#include "vp-export.h"

/* Do not let a hostile directory make us load without bound. */
#define VP_MAX_MODULES 256

static pthread_once_t scanOnce = PTHREAD_ONCE_INIT;
static vpModule *modules;
static size_t nmodules;

/* The directory from the environment, or NULL for the built-in one. */
static const char *
vpModuleDirFromEnv(void)
{
    const char *dir = secure_getenv("VIRTPLUG_BACKEND_DIR");

    return dir && *dir ? dir : NULL;
}

const char *
vpModuleDir(void)
{
    const char *dir = vpModuleDirFromEnv();

    return dir ? dir : VIRTPLUG_BACKEND_DIR;
}

static void VP_ATTR_PRINTF(2, 3)
vpModuleSkip(vpModule *mod, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(&mod->error, fmt, ap) < 0)
        mod->error = NULL;
    va_end(ap);
    if (!mod->error)
        mod->error = strdup("skipped");
    mod->loaded = false;
}

static bool
vpNameValid(const char *name)
{
    const char *p;

    if (!name || !*name)
        return false;
    for (p = name; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    }
    return true;
}

/* A URI scheme as RFC 3986 allows it, lower case. */
static bool
vpSchemeValid(const char *scheme)
{
    const char *p;

    if (!scheme || !(*scheme >= 'a' && *scheme <= 'z'))
        return false;
    for (p = scheme; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '+' || *p == '-' || *p == '.'))
            return false;
    }
    return true;
}

/* Checks the module's descriptor against the ones loaded before it. */
static int
vpModuleCheck(vpModule *mod, size_t index)
{
    const virtplugBackend *b = &mod->desc;
    size_t i, j, k;

    if (!vpNameValid(b->name)) {
        vpModuleSkip(mod, "invalid backend name (must match [a-z0-9_]+)");
        return -1;
    }
    if (!b->uri_schemes || !b->uri_schemes[0]) {
        vpModuleSkip(mod, "backend '%s' declares no URI scheme", b->name);
        return -1;
    }
    for (j = 0; b->uri_schemes[j]; j++) {
        if (j >= 64 || !vpSchemeValid(b->uri_schemes[j])) {
            vpModuleSkip(mod, "backend '%s' declares an invalid URI scheme",
                         b->name);
            return -1;
        }
    }
    if (!b->hv_type || !b->open || !b->close || !b->listAllDomains ||
        !b->lookup) {
        vpModuleSkip(mod, "backend '%s' lacks a required callback or "
                     "hv_type", b->name);
        return -1;
    }
    if (!(b->groups & VIRTPLUG_ATTR_ACTIVE)) {
        vpModuleSkip(mod, "backend '%s' does not declare the active group",
                     b->name);
        return -1;
    }
    if (b->probe && !b->probe_uri) {
        vpModuleSkip(mod, "backend '%s' has a probe but no probe_uri",
                     b->name);
        return -1;
    }

    for (i = 0; i < index; i++) {
        const vpModule *other = &modules[i];
        if (!other->loaded)
            continue;
        if (strcmp(other->desc.name, b->name) == 0) {
            vpModuleSkip(mod, "duplicate backend name '%s' (already "
                         "provided by %s)", b->name, other->path);
            return -1;
        }
        for (j = 0; b->uri_schemes[j]; j++) {
            for (k = 0; other->desc.uri_schemes[k]; k++) {
                if (strcmp(b->uri_schemes[j],
                           other->desc.uri_schemes[k]) == 0) {
                    vpModuleSkip(mod, "duplicate URI scheme '%s' (already "
                                 "provided by %s)", b->uri_schemes[j],
                                 other->path);
                    return -1;
                }
            }
        }
    }
    return 0;
}

/* Opens name in the checked directory dirfd without following a symbolic
 * link and checks the file itself; returns its descriptor, or -1 after
 * recording why the module is skipped. */
static int
vpModuleOpenChecked(vpModule *mod, int dirfd, const char *name,
                    struct stat *sb)
{
    char why[128];
    int fd;

    /* O_NONBLOCK: a FIFO named *.so must not hang the scan. */
    fd = openat(dirfd, name,
                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            vpModuleSkip(mod, "not a regular file");
        else
            vpModuleSkip(mod, "cannot open: %m");
        return -1;
    }
    if (fstat(fd, sb) < 0) {
        vpModuleSkip(mod, "cannot stat: %m");
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb->st_mode)) {
        vpModuleSkip(mod, "not a regular file");
        close(fd);
        return -1;
    }
    if (!vpSafeStat(sb, geteuid(), false, why, sizeof(why))) {
        vpModuleSkip(mod, "refused: the file is %s", why);
        close(fd);
        return -1;
    }
    return fd;
}

static void
vpModuleLoad(vpModule *mod, size_t index, int dirfd, const char *realDir,
             const char *name)
{
    struct stat sb, now;
    char *loadPath = NULL;
    void *handle;
    void *sym;
    virtplugBackendEntryFunc entry;
    const virtplugBackend *desc;
    size_t size;
    int fd;

    if ((fd = vpModuleOpenChecked(mod, dirfd, name, &sb)) < 0)
        return;
    if (!(loadPath = vpPathJoin(realDir, name))) {
        vpModuleSkip(mod, "out of memory");
        close(fd);
        return;
    }

    dlerror();
    handle = dlopen(loadPath, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    /* Still the file that was checked?  Only root or the effective user
     * (or for VIRTPLUG_BACKEND_DIR whoever controls the directories above
     * it) can have replaced it; then it is not used. */
    if (handle && (stat(loadPath, &now) < 0 || now.st_dev != sb.st_dev ||
                   now.st_ino != sb.st_ino)) {
        vpModuleSkip(mod, "refused: replaced while being loaded");
        free(loadPath);
        close(fd);
        return;
    }
    free(loadPath);
    close(fd);
    if (!handle) {
        const char *err = dlerror();
        vpModuleSkip(mod, "%s", err ? err : "dlopen failed");
        return;
    }
    /* Looked up in this module only, never in its dependencies. */
    if (!(sym = dlsym(handle, VIRTPLUG_BACKEND_ENTRY_SYMBOL))) {
        /* A module of the first ABI is recognised by its entry's name and
         * refused without calling into it: its callbacks have other
         * signatures. */
        if (dlsym(handle, VIRTPLUG_BACKEND_ENTRY_SYMBOL_V1)) {
            mod->abi = 1;
            vpModuleSkip(mod, "built for backend ABI version 1, but this "
                         "virtplug loads ABI version %u only (rebuild it "
                         "against the current virtplug-backend.h)",
                         (unsigned int)VIRTPLUG_BACKEND_ABI_VERSION);
            return;
        }
        vpModuleSkip(mod, "no symbol %s", VIRTPLUG_BACKEND_ENTRY_SYMBOL);
        return;
    }
    *(void **)&entry = sym;
    if (!(desc = entry(&vpHostTable))) {
        vpModuleSkip(mod, "%s returned no descriptor",
                     VIRTPLUG_BACKEND_ENTRY_SYMBOL);
        return;
    }
    mod->abi = desc->abi_version;
    if (desc->abi_version != VIRTPLUG_BACKEND_ABI_VERSION) {
        vpModuleSkip(mod, "built for backend ABI version %u, but this "
                     "virtplug loads ABI version %u only",
                     desc->abi_version,
                     (unsigned int)VIRTPLUG_BACKEND_ABI_VERSION);
        return;
    }
    if (desc->struct_size < VIRTPLUG_BACKEND_V2_SIZE) {
        vpModuleSkip(mod, "descriptor size %u, expected at least %zu",
                     desc->struct_size, (size_t)VIRTPLUG_BACKEND_V2_SIZE);
        return;
    }
    /* Fields a newer core knows and an older module lacks read as zero. */
    size = desc->struct_size < sizeof(mod->desc) ?
        desc->struct_size : sizeof(mod->desc);
    memset(&mod->desc, 0, sizeof(mod->desc));
    memcpy(&mod->desc, desc, size);
    mod->desc.groups &= VIRTPLUG_GROUPS_ALL;

    if (vpModuleCheck(mod, index) < 0)
        return;
    if (!(mod->name = strdup(mod->desc.name))) {
        vpModuleSkip(mod, "out of memory");
        return;
    }
    mod->loaded = true;
}

static int
vpModuleNameCmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether nothing in the directory may be loaded; then *msg says why
 * (malloc'd, NULL when out of memory).  dirfd is the opened directory,
 * realDir its resolved path. */
static bool
vpModuleDirRefused(int dirfd, const char *realDir, bool checkAbove,
                   char **msg)
{
    struct stat sb;
    char why[128];
    char *above = NULL;
    int rc;

    *msg = NULL;
    if (fstat(dirfd, &sb) < 0)
        rc = asprintf(msg, "refused: cannot stat directory %s: %m", realDir);
    else if (!vpSafeStat(&sb, geteuid(), false, why, sizeof(why)))
        rc = asprintf(msg, "refused: directory %s is %s", realDir, why);
    else if (checkAbove && vpSafeAncestors(realDir, geteuid(), &above) < 0)
        rc = asprintf(msg, "refused: %s",
                      above ? above : "cannot check the directories above");
    else
        return false;
    if (rc < 0)
        *msg = NULL;
    free(above);
    return true;
}

static void
vpModulesScan(void)
{
    const char *dir = vpModuleDir();
    char *realDir = NULL;
    char *refused = NULL;
    bool unsafe;
    DIR *dh = NULL;
    struct dirent *ent;
    char **names = NULL;
    size_t nnames = 0;
    size_t i;
    int fd;

    /* A missing or unreadable directory simply holds no modules. */
    if (!(realDir = realpath(dir, NULL)))
        return;
    fd = open(realDir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || !(dh = fdopendir(fd))) {
        if (fd >= 0)
            close(fd);
        free(realDir);
        return;
    }
    unsafe = vpModuleDirRefused(dirfd(dh), realDir, !vpModuleDirFromEnv(),
                                &refused);

    while ((ent = readdir(dh)) && nnames < VP_MAX_MODULES) {
        size_t len = strlen(ent->d_name);
        char **tmp;
        if (len <= 3 || strcmp(ent->d_name + len - 3, ".so") != 0)
            continue;
        if (!(tmp = realloc(names, (nnames + 1) * sizeof(*names))))
            break;
        names = tmp;
        if (!(names[nnames] = strdup(ent->d_name)))
            break;
        nnames++;
    }
    if (nnames)
        qsort(names, nnames, sizeof(*names), vpModuleNameCmp);

    if (unsafe && !nnames && (modules = calloc(1, sizeof(*modules)))) {
        /* An unsafe directory is reported even when it holds no module. */
        if ((modules[0].path = strdup(dir))) {
            nmodules = 1;
            vpModuleSkip(&modules[0], "%s",
                         refused ? refused : "refused: unsafe directory");
        }
    } else if (nnames && (modules = calloc(nnames, sizeof(*modules)))) {
        for (i = 0; i < nnames; i++) {
            vpModule *mod = &modules[nmodules];
            if (!(mod->path = vpPathJoin(dir, names[i])))
                continue;
            nmodules++;
            if (unsafe)
                vpModuleSkip(mod, "%s",
                             refused ? refused : "refused: unsafe directory");
            else
                vpModuleLoad(mod, nmodules - 1, dirfd(dh), realDir, names[i]);
        }
    }
    closedir(dh);
    for (i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    free(refused);
    free(realDir);
}

const vpModule *
vpModulesGet(size_t *count)
{
    pthread_once(&scanOnce, vpModulesScan);
    *count = nmodules;
    return modules;
}

/* Whether mod, loaded alone from SCHEME.so, serves the scheme: its backend
 * is named after the scheme too.  A file whose backend has another name may
 * clash with a module the full scan loads first (a duplicate name is
 * skipped), so the full scan decides for it. */
static bool
vpModuleServes(const vpModule *mod, const char *scheme)
{
    size_t i;

    if (!mod->loaded || strcmp(mod->desc.name, scheme) != 0)
        return false;
    for (i = 0; mod->desc.uri_schemes[i]; i++) {
        if (strcmp(mod->desc.uri_schemes[i], scheme) == 0)
            return true;
    }
    return false;
}

/* Modules loaded alone for their scheme (vpModuleForScheme), kept for the
 * life of the process like every module: a connection points at one. */
#define VP_MAX_ALONE 16
static pthread_mutex_t aloneLock = PTHREAD_MUTEX_INITIALIZER;
static vpModule *alone[VP_MAX_ALONE];
static size_t nalone;

const vpModule *
vpModuleForScheme(const char *scheme)
{
    const char *dir = vpModuleDir();
    vpModule *mod = NULL;
    char *realDir = NULL, *refused = NULL, *file = NULL;
    struct stat sb;
    size_t i;
    int fd = -1;

    if (!scheme || !vpSchemeValid(scheme) || strlen(scheme) > 64)
        return NULL;
    pthread_mutex_lock(&aloneLock);
    for (i = 0; i < nalone; i++) {
        if (vpModuleServes(alone[i], scheme)) {
            mod = alone[i];
            goto done;
        }
    }
    if (nalone == VP_MAX_ALONE || asprintf(&file, "%s.so", scheme) < 0) {
        file = NULL;
        goto done;
    }
    /* The same checks as the full scan; anything odd is left to it. */
    if (!(realDir = realpath(dir, NULL)) ||
        (fd = open(realDir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                   O_CLOEXEC)) < 0 ||
        vpModuleDirRefused(fd, realDir, !vpModuleDirFromEnv(), &refused) ||
        fstatat(fd, file, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
        !S_ISREG(sb.st_mode) || !(mod = calloc(1, sizeof(*mod))))
        goto done;
    if (!(mod->path = vpPathJoin(dir, file))) {
        free(mod);
        mod = NULL;
        goto done;
    }
    vpModuleLoad(mod, 0, fd, realDir, file);
    /* Kept either way (a module is never unloaded); one that does not
     * serve the scheme leaves the decision to the full scan. */
    alone[nalone++] = mod;
    if (!vpModuleServes(mod, scheme))
        mod = NULL;

 done:
    pthread_mutex_unlock(&aloneLock);
    if (fd >= 0)
        close(fd);
    free(file);
    free(refused);
    free(realDir);
    return mod;
}
