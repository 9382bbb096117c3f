/*
 * fuzz-xl-saveimage.c: the header and JSON config of an xl save image, as
 * xendomains leaves them in /var/lib/xen/save/NAME.
 *
 * Input: the image's bytes; the harness stores them as save/fuzz in a
 * private host tree and asks for domain "fuzz".
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-host.h"
#include "fuzz-tmpdir.h"
#include "xen-saveimage.h"

const fuzzSeedDir fuzzSeedDirs[] = {
    { "examples/hosts/xen/var/lib/xen", ".libxl-json" },
    { "tests/backends/xen", ".json.in" },
    { NULL, NULL },
};

#define MAGIC "Xen saved domain, xl format\n \0 \r"
#define MAGIC_LEN 32

static void
putU32(unsigned char *p, uint32_t v, int swap)
{
    if (swap)
        v = __builtin_bswap32(v);
    memcpy(p, &v, 4);
}

/* An image around `json` (len bytes, NUL included), in host byte order or
 * swapped. */
static void
emitImage(fuzzEmitFunc emit, void *ctx, const char *label, const char *json,
          size_t len, int swap)
{
    size_t total = MAGIC_LEN + 16 + 4 + len + 8;
    unsigned char *img = calloc(1, total);

    if (!img)
        return;
    memcpy(img, MAGIC, MAGIC_LEN);
    putU32(img + MAGIC_LEN, 0x01020304u, swap);
    putU32(img + MAGIC_LEN + 4, 3, swap);          /* JSON config, v2 */
    putU32(img + MAGIC_LEN + 8, 0, swap);
    putU32(img + MAGIC_LEN + 12, (uint32_t)(4 + len), swap);
    putU32(img + MAGIC_LEN + 16, (uint32_t)len, swap);
    memcpy(img + MAGIC_LEN + 20, json, len);
    memcpy(img + MAGIC_LEN + 20 + len, "stream..", 8);
    emit(ctx, label, img, total);
    free(img);
}

/* A libxl JSON fixture, renamed "fuzz" (the image's file name), wrapped. */
static void
seedImage(fuzzEmitFunc emit, void *ctx, const char *label, const void *buf,
          size_t len)
{
    const char *s = buf, *p;
    char *json = malloc(len + 64), *o = json;
    size_t i = 0;

    if (!json)
        return;
    /* Replace the first "name": "..." value (and template placeholders). */
    while (i < len) {
        if ((p = memchr(s + i, '"', len - i)) && (size_t)(p - s) + 8 <= len &&
            memcmp(p, "\"name\": \"", 9) == 0 && o == json + (p - s)) {
            const char *end;

            memcpy(o, s + i, (size_t)(p - s) - i + 9);
            o += (size_t)(p - s) - i + 9;
            i = (size_t)(p - s) + 9;
            if (!(end = memchr(s + i, '"', len - i)))
                break;
            memcpy(o, "fuzz", 4);
            o += 4;
            i = (size_t)(end - s);
            continue;
        }
        *o++ = s[i++];
    }
    while (i < len)
        *o++ = s[i++];
    if (o == json || o[-1] != '\0')
        *o++ = '\0';
    emitImage(emit, ctx, label, json, (size_t)(o - json), 0);
    emitImage(emit, ctx, label, json, (size_t)(o - json), 1);
    free(json);
}

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = seedImage;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char doc[] =
        "{\"c_info\": {\"type\": \"hvm\", \"name\": \"fuzz\", "
        "\"uuid\": \"7b1a2c3d-0007-4e5f-8a9b-000000000007\"}}";

    emitImage(emit, ctx, "builtin", doc, sizeof(doc), 0);
    emitImage(emit, ctx, "builtin-swapped", doc, sizeof(doc), 1);
}

static int
onImage(const xenDomainRef *ref, void *opaque)
{
    (void)opaque;
    if (!ref->name || strcmp(ref->name, "fuzz") != 0)
        abort();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xenPriv *priv;

    if (!priv) {
        fuzzTmpMkdir("var");
        fuzzTmpMkdir("var/lib");
        fuzzTmpMkdir("var/lib/xen");
        fuzzTmpMkdir("var/lib/xen/save");
        if (!(priv = xenPrivNew(&fuzzHost, fuzzTmpDir())))
            abort();
    }
    fuzzTmpWrite("var/lib/xen/save/fuzz", data, size);
    xenSaveImageForEach(priv, "fuzz", NULL, onImage, NULL);
    return 0;
}
