/*
 * fuzz-backend-descriptor.c: the loader's checks of a backend module's
 * descriptor (ABI version, size, name, URI schemes, callbacks, clashes with
 * modules loaded before it).
 *
 * The loader's own code is compiled in with dlopen()/dlsym() replaced: the
 * "module" is a descriptor built from the input, in memory exactly as large
 * as it claims to be, so reading past what a module declared shows.
 *
 * Input: up to four descriptors, each:
 *   u32 abi_version, u16 struct_size, u8 flags, u32 groups,
 *   u8 number of URI schemes (255: no array),
 *   then strings, each one length byte (255: NULL) and the bytes:
 *   name, hv_type, the schemes, probe_uri.
 * flags: bit 0 the entry returns NULL, bits 1-5 open, close,
 * listAllDomains, lookup, probe are set.
 */
#include <config.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-tmpdir.h"

static void *fuzzDlopen(const char *path, int flags);
static void *fuzzDlsym(void *handle, const char *symbol);
static char *fuzzDlerror(void);

#define dlopen fuzzDlopen
#define dlsym fuzzDlsym
#define dlerror fuzzDlerror
#include "module-loader.c"
#undef dlopen
#undef dlsym
#undef dlerror

#define MAX_MODULES 4
#define MAX_SCHEMES 70

/* What the current fake module returns from its entry point. */
static const virtplugBackend *fakeDesc;
static int fakeDlopenFails;

static void *
fuzzDlopen(const char *path, int flags)
{
    (void)path;
    (void)flags;
    return fakeDlopenFails ? NULL : (void *)&fakeDesc;
}

static const virtplugBackend *
fakeEntry(const virtplugHost *host)
{
    (void)host;
    return fakeDesc;
}

static void *
fuzzDlsym(void *handle, const char *symbol)
{
    (void)handle;
    if (strcmp(symbol, VIRTPLUG_BACKEND_ENTRY_SYMBOL) != 0)
        return NULL;
    return *(void **)&(virtplugBackendEntryFunc){ fakeEntry };
}

static char *
fuzzDlerror(void)
{
    return NULL;
}

static int fakeProbe(const virtplugHost *h, void *d)
{ (void)h; (void)d; return 0; }
static virtplugOpenStatus fakeOpen(const virtplugHost *h, void *d,
                                   const virtplugURI *u, unsigned int f,
                                   void **p, char **c)
{ (void)h; (void)d; (void)u; (void)f; (void)p; (void)c;
  return VIRTPLUG_OPEN_DECLINED; }
static void fakeClose(const virtplugHost *h, void *p) { (void)h; (void)p; }
static int fakeList(const virtplugHost *h, void *p, unsigned int f,
                    virtplugDomainSink *s)
{ (void)h; (void)p; (void)f; (void)s; return 0; }
static int fakeLookup(const virtplugHost *h, void *p,
                      const virtplugDomainKey *k, virtplugDomainSink *s)
{ (void)h; (void)p; (void)k; (void)s; return 0; }

const fuzzSeedDir fuzzSeedDirs[] = {
    { NULL, NULL },
};

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = NULL;

typedef struct {
    const uint8_t *p;
    size_t left;
} cursor;

static bool
take(cursor *c, void *out, size_t n)
{
    if (c->left < n)
        return false;
    memcpy(out, c->p, n);
    c->p += n;
    c->left -= n;
    return true;
}

/* One length-prefixed string, malloc'd into *out (NULL for length 255).
 * Each string is kept in `owned` for freeing. */
static bool
takeString(cursor *c, char **out, char **owned, size_t *nowned)
{
    uint8_t len;

    *out = NULL;
    if (!take(c, &len, 1))
        return false;
    if (len == 255)
        return true;
    if (c->left < len || !(*out = malloc((size_t)len + 1)))
        return false;
    memcpy(*out, c->p, len);
    (*out)[len] = '\0';
    c->p += len;
    c->left -= len;
    owned[(*nowned)++] = *out;
    return true;
}

/* Seeds: a good descriptor, as the real backends fill it in. */
static size_t
putString(uint8_t *p, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    p[0] = s ? (uint8_t)n : 255;
    if (s)
        memcpy(p + 1, s, n);
    return 1 + n;
}

static size_t
putDesc(uint8_t *p, uint32_t abi, uint16_t size, uint8_t flags,
        uint32_t groups, const char *name, const char *const *schemes,
        const char *probe_uri)
{
    size_t o = 0, n = 0;

    memcpy(p + o, &abi, 4); o += 4;
    memcpy(p + o, &size, 2); o += 2;
    p[o++] = flags;
    memcpy(p + o, &groups, 4); o += 4;
    while (schemes && schemes[n])
        n++;
    p[o++] = schemes ? (uint8_t)n : 255;
    o += putString(p + o, name);
    o += putString(p + o, "QEMU");
    for (n = 0; schemes && schemes[n]; n++)
        o += putString(p + o, schemes[n]);
    o += putString(p + o, probe_uri);
    return o;
}

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char *const qemu[] = { "qemu", NULL };
    static const char *const xen[] = { "xen", "xen+ssh", NULL };
    uint8_t buf[512];
    size_t o;

    o = putDesc(buf, VIRTPLUG_BACKEND_ABI_VERSION, sizeof(virtplugBackend),
                0x3e, VIRTPLUG_GROUPS_ALL, "qemu", qemu, "qemu:///system");
    emit(ctx, "one", buf, o);
    o += putDesc(buf + o, VIRTPLUG_BACKEND_ABI_VERSION,
                 sizeof(virtplugBackend), 0x1e, VIRTPLUG_ATTR_ACTIVE, "xen",
                 xen, NULL);
    emit(ctx, "two", buf, o);
    o += putDesc(buf + o, VIRTPLUG_BACKEND_ABI_VERSION,
                 (uint16_t)VIRTPLUG_BACKEND_V2_SIZE, 0x1e, VIRTPLUG_ATTR_ACTIVE,
                 "qemu", xen, NULL);
    emit(ctx, "clash", buf, o);
}

static void
checkLoaded(const vpModule *mod)
{
    size_t j;

    /* What the loader accepted is what its checks promise. */
    if (mod->error || !mod->name || strcmp(mod->name, mod->desc.name) != 0 ||
        !vpNameValid(mod->desc.name) || !mod->desc.uri_schemes ||
        !mod->desc.uri_schemes[0] || !mod->desc.open ||
        !mod->desc.lookup || (mod->desc.groups & ~VIRTPLUG_GROUPS_ALL))
        abort();
    for (j = 0; mod->desc.uri_schemes[j]; j++) {
        if (!vpSchemeValid(mod->desc.uri_schemes[j]))
            abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[512];
    static char *realDir;
    static int dirFd = -1;
    cursor c = { data, size };
    char *owned[MAX_MODULES * (MAX_SCHEMES + 3)];
    void *blocks[MAX_MODULES * 2];
    size_t nowned = 0, nblocks = 0, i, j;

    if (!path[0]) {
        /* The loader opens and checks the module file (in the opened
         * directory) before the dlopen() replaced above. */
        fuzzTmpWrite("fake.so", "", 0);
        snprintf(path, sizeof(path), "%s/fake.so", fuzzTmpDir());
        if (!(realDir = realpath(fuzzTmpDir(), NULL)) ||
            (dirFd = open(realDir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
            abort();
    }
    if (!(modules = calloc(MAX_MODULES, sizeof(*modules))))
        return 0;
    nmodules = 0;

    while (nmodules < MAX_MODULES && c.left > 0) {
        virtplugBackend full;
        uint32_t abi, groups;
        uint16_t dsize;
        uint8_t flags, nschemes;
        const char **schemes = NULL;
        char *name, *hv, *probe_uri;
        unsigned char *mem;
        size_t alloc;
        vpModule *mod = &modules[nmodules];

        if (!take(&c, &abi, 4) || !take(&c, &dsize, 2) ||
            !take(&c, &flags, 1) || !take(&c, &groups, 4) ||
            !take(&c, &nschemes, 1) ||
            !takeString(&c, &name, owned, &nowned) ||
            !takeString(&c, &hv, owned, &nowned))
            break;
        if (nschemes != 255) {
            if (nschemes > MAX_SCHEMES)
                nschemes = MAX_SCHEMES;
            if (!(schemes = calloc((size_t)nschemes + 1, sizeof(*schemes))))
                break;
            blocks[nblocks++] = schemes;
            for (j = 0; j < nschemes; j++) {
                char *s;

                if (!takeString(&c, &s, owned, &nowned))
                    break;
                if (!s)
                    break;   /* a NULL ends the list early */
                schemes[j] = s;
            }
        }
        if (!takeString(&c, &probe_uri, owned, &nowned))
            probe_uri = NULL;

        memset(&full, 0, sizeof(full));
        full.abi_version = abi;
        full.struct_size = dsize;
        full.name = name;
        full.hv_type = hv;
        full.hv_version = 9000000;
        full.uri_schemes = schemes;
        full.groups = groups;
        full.probe_priority = (int)(groups >> 24);
        full.probe_uri = probe_uri;
        full.probe = (flags & 0x20) ? fakeProbe : NULL;
        full.open = (flags & 0x02) ? fakeOpen : NULL;
        full.close = (flags & 0x04) ? fakeClose : NULL;
        full.listAllDomains = (flags & 0x08) ? fakeList : NULL;
        full.lookup = (flags & 0x10) ? fakeLookup : NULL;

        /* The module's object is as large as it says (at least the two
         * fields that say so). */
        alloc = dsize < 2 * sizeof(unsigned int) ? 2 * sizeof(unsigned int)
                                                 : dsize;
        if (!(mem = calloc(1, alloc)))
            break;
        blocks[nblocks++] = mem;
        memcpy(mem, &full, alloc < sizeof(full) ? alloc : sizeof(full));

        fakeDesc = (flags & 0x01) ? NULL : (const virtplugBackend *)mem;
        fakeDlopenFails = 0;
        if (!(mod->path = strdup(path)))
            break;
        nmodules++;
        vpModuleLoad(mod, nmodules - 1, dirFd, realDir, "fake.so");
        if (mod->loaded)
            checkLoaded(mod);
        else if (!mod->error)
            abort();   /* a skipped module always says why */
    }

    /* Two loaded modules never share a name or a scheme. */
    for (i = 0; i < nmodules; i++) {
        for (j = i + 1; j < nmodules; j++) {
            size_t a, b;

            if (!modules[i].loaded || !modules[j].loaded)
                continue;
            if (strcmp(modules[i].name, modules[j].name) == 0)
                abort();
            for (a = 0; modules[i].desc.uri_schemes[a]; a++)
                for (b = 0; modules[j].desc.uri_schemes[b]; b++)
                    if (strcmp(modules[i].desc.uri_schemes[a],
                               modules[j].desc.uri_schemes[b]) == 0)
                        abort();
        }
    }

    for (i = 0; i < nmodules; i++) {
        free(modules[i].path);
        free(modules[i].name);
        free(modules[i].error);
    }
    free(modules);
    modules = NULL;
    nmodules = 0;
    for (i = 0; i < nowned; i++)
        free(owned[i]);
    for (i = 0; i < nblocks; i++)
        free(blocks[i]);
    return 0;
}
