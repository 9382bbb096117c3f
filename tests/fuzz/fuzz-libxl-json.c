/*
 * fuzz-libxl-json.c: the libxl_domain_config JSON that libxl keeps in
 * /var/lib/xen/userdata-d.*.libxl-json (and inside xl save images): name
 * and UUID out of it.
 *
 * Input: the file's bytes (libxl ends them with one NUL).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-host.h"
#include "xen-libxl-json.h"


const fuzzSeedDir fuzzSeedDirs[] = {
    { "examples/hosts/xen/var/lib/xen", ".libxl-json" },
    { "tests/backends/xen", ".json.in" },
    { NULL, NULL },
};

/* Files as libxl writes them: with the trailing NUL. */
static void
seedWithNul(fuzzEmitFunc emit, void *ctx, const char *label,
            const void *buf, size_t len)
{
    char *in;

    emit(ctx, label, buf, len);
    if (len > 0 && ((const char *)buf)[len - 1] == '\0')
        return;
    if (!(in = malloc(len + 1)))
        return;
    memcpy(in, buf, len);
    in[len] = '\0';
    emit(ctx, label, in, len + 1);
    free(in);
}

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = seedWithNul;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char doc[] =
        "{\"c_info\": {\"type\": \"pv\", \"name\": \"fuzz\", "
        "\"uuid\": \"039e9ee6-4a84-3055-4c81-8ba426ae2656\"}, "
        "\"b_info\": {\"max_vcpus\": 4, \"avail_vcpus\": [0, 1], "
        "\"type.pv\": {\"bootloader\": \"pygrub\"}}, "
        "\"disks\": [], \"on_reboot\": \"restart\"}";

    emit(ctx, "builtin", doc, sizeof(doc));   /* with the NUL */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned char want[VIR_UUID_BUFLEN] = {
        0x03, 0x9e, 0x9e, 0xe6, 0x4a, 0x84, 0x30, 0x55,
        0x4c, 0x81, 0x8b, 0xa4, 0x26, 0xae, 0x26, 0x56,
    };
    xenDomainRef ref;
    int rc;

    /* With and without a wanted UUID (userdata names the UUID; a save
     * image does not). */
    memset(&ref, 0, sizeof(ref));
    rc = xenLibxlJsonIdentity(&fuzzHost, (const char *)data, size, "fuzz", NULL, &ref);
    if (rc == 0 && (!ref.name || !ref.name[0]))
        abort();
    free(ref.name);
    memset(&ref, 0, sizeof(ref));
    rc = xenLibxlJsonIdentity(&fuzzHost, (const char *)data, size, "fuzz", want, &ref);
    if (rc == 0 && (!ref.name || memcmp(ref.uuid, want, sizeof(want)) != 0))
        abort();
    free(ref.name);
    return 0;
}
