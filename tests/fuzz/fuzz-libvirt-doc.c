/*
 * fuzz-libvirt-doc.c: libvirt's config and status XML, as the qemu and xen
 * backends read it: the fast scanner, then libxml2's reader when the
 * scanner cannot follow (or always, when the mode byte says so).
 *
 * Input: one mode byte, then the document.  Mode bits: 0 status file (else
 * config), 1 want title and description, 2 want only the monitor path,
 * 3 run libxml2's reader even when the scanner succeeded.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-host.h"
#include "util/vp-libvirt-doc.h"

const fuzzSeedDir fuzzSeedDirs[] = {
    { "examples/hosts", ".xml" },
    { "tests/backends/xen/host", ".xml" },
    { "tests/backends/qemu/templates", ".xml" },
    { NULL, NULL },
};

static void
seedModes(fuzzEmitFunc emit, void *ctx, const char *label, const void *buf,
          size_t len)
{
    static const unsigned char modes[] = { 0x00, 0x01, 0x03, 0x05, 0x08,
                                           0x0b };
    unsigned char *in = malloc(len + 1);
    size_t i;

    if (!in)
        return;
    memcpy(in + 1, buf, len);
    for (i = 0; i < sizeof(modes); i++) {
        in[0] = modes[i];
        emit(ctx, label, in, len + 1);
    }
    free(in);
}

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = seedModes;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    (void)emit;
    (void)ctx;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vpLsDomain dom;
    vpLsWant want;
    vpLsDocKind kind;
    unsigned mode;
    bool ok;
    char *buf;
    size_t len;

    if (size < 1)
        return 0;
    mode = data[0];
    len = size - 1;
    kind = (mode & 1) ? VP_LS_DOC_STATUS : VP_LS_DOC_CONFIG;
    want.title = (mode & 2) != 0;
    want.monitor = (mode & 4) != 0 && kind == VP_LS_DOC_STATUS;
    want.whole = (mode & 16) != 0;

    /* The readers rely on a NUL at buf[len], as vpFileRead gives. */
    if (!(buf = malloc(len + 1)))
        return 0;
    memcpy(buf, data + 1, len);
    buf[len] = '\0';

    (void)vpLsScanClosed(buf, len, kind);
    memset(&dom, 0, sizeof(dom));
    vpLsDomainClear(&dom);
    ok = vpLsScanDoc(&fuzzHost, buf, len, kind, &want, &dom) ==
        VP_LS_SCAN_OK;
    if (!ok || (mode & 8)) {
        vpLsDomainClear(&dom);
        ok = vpLsParse(&fuzzHost, VIR_FROM_QEMU, buf, len, "fuzz.xml", kind,
                       &want, &dom) == 0;
    }
    /* Whichever reader accepted a domain document found its identity. */
    if (ok && !want.monitor && (!dom.name || !dom.have_uuid))
        abort();
    vpLsDomainClear(&dom);
    free(buf);
    return 0;
}
