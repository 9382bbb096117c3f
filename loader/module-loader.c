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
 */
#include <config.h>

#include <dirent.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vp-internal.h"

/* The size of the first version of the descriptor: everything up to and
 * including lookup.  Later versions append. */
#define VP_BACKEND_V1_SIZE \
    (offsetof(virtplugBackend, lookup) + sizeof(((virtplugBackend *)0)->lookup))

/* Do not let a hostile directory make us load without bound. */
#define VP_MAX_MODULES 256

static pthread_once_t scanOnce = PTHREAD_ONCE_INIT;
static vpModule *modules;
static size_t nmodules;

const char *
vpModuleDir(void)
{
    const char *dir = secure_getenv("VIRTPLUG_BACKEND_DIR");

    return dir && *dir ? dir : VIRTPLUG_BACKEND_DIR;
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

static void
vpModuleLoad(vpModule *mod, size_t index)
{
    struct stat sb;
    void *handle;
    void *sym;
    virtplugBackendEntryFunc entry;
    const virtplugBackend *desc;
    size_t size;

    if (lstat(mod->path, &sb) < 0) {
        vpModuleSkip(mod, "cannot stat: %m");
        return;
    }
    if (!S_ISREG(sb.st_mode)) {
        vpModuleSkip(mod, "not a regular file");
        return;
    }

    dlerror();
    if (!(handle = dlopen(mod->path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE))) {
        const char *err = dlerror();
        vpModuleSkip(mod, "%s", err ? err : "dlopen failed");
        return;
    }
    /* Looked up in this module only, never in its dependencies. */
    if (!(sym = dlsym(handle, VIRTPLUG_BACKEND_ENTRY_SYMBOL))) {
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
        vpModuleSkip(mod, "ABI version %u, expected %u", desc->abi_version,
                     (unsigned int)VIRTPLUG_BACKEND_ABI_VERSION);
        return;
    }
    if (desc->struct_size < VP_BACKEND_V1_SIZE) {
        vpModuleSkip(mod, "descriptor size %u, expected at least %zu",
                     desc->struct_size, (size_t)VP_BACKEND_V1_SIZE);
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

static void
vpModulesScan(void)
{
    const char *dir = vpModuleDir();
    DIR *dh;
    struct dirent *ent;
    char **names = NULL;
    size_t nnames = 0;
    size_t i;

    if (!(dh = opendir(dir)))
        return;
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
    closedir(dh);
    if (nnames)
        qsort(names, nnames, sizeof(*names), vpModuleNameCmp);

    if (nnames && (modules = calloc(nnames, sizeof(*modules)))) {
        for (i = 0; i < nnames; i++) {
            vpModule *mod = &modules[nmodules];
            if (asprintf(&mod->path, "%s/%s", dir, names[i]) < 0) {
                mod->path = NULL;
                continue;
            }
            nmodules++;
            vpModuleLoad(mod, nmodules - 1);
        }
    }
    for (i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
}

const vpModule *
vpModulesGet(size_t *count)
{
    pthread_once(&scanOnce, vpModulesScan);
    *count = nmodules;
    return modules;
}
