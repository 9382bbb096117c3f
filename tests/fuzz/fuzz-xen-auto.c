/*
 * fuzz-xen-auto.c: the xl config files in /etc/xen/auto, of which
 * xendomains' autostart needs the name = "..." setting.
 *
 * Input: the file's bytes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-host.h"
#include "xen-autostart.h"


const fuzzSeedDir fuzzSeedDirs[] = {
    { "examples/hosts/xen/etc/xen", ".cfg" },
    { "tests/backends/xen/host/etc/xen", ".cfg" },
    { NULL, NULL },
};

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = NULL;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char cfg[] =
        "# comment\nbuilder = \"hvm\"\nname='vm-1' # trailing\n"
        "memory = 512\nvif = [ 'bridge=xenbr0' ]\n"
        "disk = [ \"phy:/dev/vg/vm,xvda,w\" ]\n";

    emit(ctx, "builtin", cfg, sizeof(cfg) - 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    char *name;

    if (!buf)
        return 0;
    /* As vpFileRead returns a file: NUL-terminated. */
    memcpy(buf, data, size);
    buf[size] = '\0';
    name = xenCfgName(buf, size);
    /* The value is a part of the file, never more. */
    if (name && strlen(name) > size)
        abort();
    free(name);
    free(buf);
    return 0;
}
