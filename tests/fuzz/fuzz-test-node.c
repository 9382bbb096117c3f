/*
 * fuzz-test-node.c: libvirt test-driver node files (the test backend's
 * test:///PATH): domains, their snapshots, included files.
 *
 * Input: the node file; bytes after the first NUL, if any, become the file
 * "inc.xml" next to it, for <domain file='inc.xml'/> and the like.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-host.h"
#include "fuzz-tmpdir.h"
#include "test-backend.h"


const fuzzSeedDir fuzzSeedDirs[] = {
    { "examples/nodes", ".xml" },
    { "tests/backends/test/nodes", ".xml" },
    { NULL, NULL },
};

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = NULL;

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const char node[] =
        "<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n"
        "  <domain file='inc.xml'/>\n"
        "  <domain type='test'><name>b</name>"
        "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
        "<test:runstate>3</test:runstate></domain>\n"
        "</node>\n\0"
        "<domain type='test'><name>a</name><memory>1024</memory>"
        "<test:domainsnapshot><domainsnapshot><name>s1</name>"
        "<state>running</state><creationTime>1</creationTime>"
        "</domainsnapshot></test:domainsnapshot></domain>\n";

    emit(ctx, "builtin", node, sizeof(node) - 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const unsigned char *nul = memchr(data, '\0', size);
    size_t head = nul ? (size_t)(nul - data) : size;
    char path[512];
    testNode *node;

    fuzzTmpWrite("node.xml", data, head);
    if (nul)
        fuzzTmpWrite("inc.xml", nul + 1, size - head - 1);
    else
        fuzzTmpWrite("inc.xml", "", 0);
    snprintf(path, sizeof(path), "%s/node.xml", fuzzTmpDir());
    node = testNodeParseFile(&fuzzHost, path);
    testNodeFree(node);
    return 0;
}
