/*
 * fuzz-qmp-reader.c: the QMP monitor stream reader (backends/qemu), fed the
 * way a socket delivers bytes: in pieces.
 *
 * Input: one byte giving the piece size (0 means 1), then the stream.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "qmp-reader.h"

const fuzzSeedDir fuzzSeedDirs[] = {
    { NULL, NULL },
};

void (*const fuzzSeedFromFile)(fuzzEmitFunc, void *, const char *,
                               const void *, size_t) = NULL;

static const char *const seedStreams[] = {
    /* What QEMU 7.2 says to virtplug's four commands, with events. */
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, "
    "\"major\": 7}, \"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, "
    "\"capabilities\": [\"oob\"]}}\r\n"
    "{\"return\": {}, \"id\": 1}\r\n"
    "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, "
    "\"event\": \"RESUME\"}\r\n"
    "{\"return\": {\"name\": \"vm1\"}, \"id\": 2}\r\n"
    "{\"return\": {\"UUID\": \"11111111-2222-3333-4444-555555555555\"}, "
    "\"id\": 3}\r\n"
    "{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, "
    "\"running\": false}, \"id\": 4}\r\n",
    /* Errors, ids of other types, nesting, numbers. */
    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Expecting "
    "capabilities negotiation with 'qmp_capabilities'\"}}\r\n"
    "{\"error\": {\"class\": \"GenericError\", \"desc\": \"x\"}, "
    "\"id\": \"2\"}\r\n"
    "{\"return\": {\"x\": [[{}], 1.5e3, null, true, -7]}, \"id\": 4}\r\n",
    /* Pretty-printed, as with pretty=on. */
    ("{\n    \"return\": {\n        \"running\": true,\n        "
     "\"status\": \"running\"\n    },\n    \"id\": 4\n}\r\n"),
    /* Refused: not an object, garbage. */
    "[1, 2]\r\n",
    "{\"return\": {\"name\": nope}}\r\n",
};

void
fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx)
{
    static const unsigned char pieces[] = { 0, 3, 64, 255 };
    char buf[1024];
    size_t i, j;

    for (i = 0; i < sizeof(seedStreams) / sizeof(seedStreams[0]); i++) {
        size_t len = strlen(seedStreams[i]);

        if (len + 1 > sizeof(buf))
            abort();
        memcpy(buf + 1, seedStreams[i], len);
        for (j = 0; j < sizeof(pieces); j++) {
            buf[0] = (char)pieces[j];
            emit(ctx, "qmp", buf, len + 1);
        }
    }
}

static bool
onMessage(void *opaque, const qmpMessage *msg)
{
    unsigned long *count = opaque;

    /* What the reader keeps is bounded and terminated. */
    if ((msg->has_name && strlen(msg->name) > QMP_READER_MAX_TEXT) ||
        (msg->has_uuid && strlen(msg->uuid) > QMP_READER_MAX_TEXT) ||
        (msg->has_status && strlen(msg->status) > QMP_READER_MAX_TEXT) ||
        msg->running < -1 || msg->running > 1)
        abort();
    (*count)++;
    /* Stop after a while, as the client does after four replies. */
    return *count >= 64;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned long count = 0;
    qmpReader *reader;
    size_t piece, off;
    char err[200];

    if (size < 1)
        return 0;
    piece = data[0] ? data[0] : 1;
    if (!(reader = qmpReaderNew(onMessage, &count)))
        return 0;
    for (off = 1; off < size; off += piece) {
        size_t n = size - off < piece ? size - off : piece;
        int rc;

        err[0] = '\0';
        rc = qmpReaderFeed(reader, (const char *)data + off, n, err,
                           sizeof(err));
        if (rc < 0 && !err[0])
            abort();   /* a refusal always says why */
        if (rc != 0)
            break;
    }
    qmpReaderFree(reader);
    return 0;
}
