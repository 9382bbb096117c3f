/*
 * fuzz-uri.c: the connection URI parser of libvirtplug (what a user, a
 * config file or LIBVIRT_DEFAULT_URI hands to virConnectOpen).
 *
 * Input: the URI text (up to the first NUL).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "uri.h"

const fuzzSeedDir fuzzSeedDirs[] = {
    { NULL, NULL },
};

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = NULL;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char *const uris[] = {
        "qemu:///system", "qemu:///session", "xen", "xen:///",
        "xen:///system?root=/srv/host", "test:///default",
        "test:///srv/node%20file.xml", "qemu:///system?root=/a&root=/b&x",
        "QEMU+unix:///system?socket=/run/x#frag", "qemu://host/system",
        "qemu:system", "lxc:///", "a:/?%zz=%41", "q:///?=&&=v",
    };
    size_t i;

    for (i = 0; i < sizeof(uris) / sizeof(uris[0]); i++)
        emit(ctx, "uri", uris[i], strlen(uris[i]));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    vpParsedURI uri;
    size_t i;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (vpURIParse(text, &uri) == 0) {
        if (!uri.uri.scheme || !uri.uri.scheme[0] || uri.uri.server)
            abort();
        for (i = 0; i < uri.uri.nparams; i++) {
            if (vpURIParam(&uri.uri, uri.uri.params[i].name) == NULL)
                abort();
        }
        vpURIParam(&uri.uri, "root");
        vpURIClear(&uri);
    }
    virResetLastError();
    free(text);
    return 0;
}
