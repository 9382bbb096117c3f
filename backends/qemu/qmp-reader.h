/*
 * qmp-reader.h: incremental reader for the messages a QMP monitor sends.
 *
 * A monitor is untrusted: it may send partial messages, pretty-printed
 * messages spread over many reads, garbage, endless data or absurd nesting.
 * The reader runs yajl's streaming parser over the bytes as they arrive and
 * keeps only the few members virtplug cares about, so its memory stays
 * bounded whatever the monitor sends:
 *  - at most QMP_READER_MAX_BYTES are accepted per connection, so a monitor
 *    that floods (even with small, valid events) is cut off;
 *  - one message, with the blank space before it, may be at most
 *    QMP_READER_MAX_MESSAGE bytes: what yajl buffers for one token is
 *    bounded by that, and a reply that never ends is refused as soon as it
 *    is too long to be a reply;
 *  - nesting deeper than QMP_READER_MAX_DEPTH is refused;
 *  - strings kept are at most QMP_READER_MAX_TEXT bytes.
 */
#ifndef QMP_READER_H
#define QMP_READER_H

#include <stdbool.h>
#include <stddef.h>

#define QMP_READER_MAX_BYTES (1024u * 1024u)
#define QMP_READER_MAX_MESSAGE (64u * 1024u)
#define QMP_READER_MAX_DEPTH 32
#define QMP_READER_MAX_TEXT 1024

typedef enum {
    QMP_MSG_OTHER = 0,    /* an object with none of the keys below */
    QMP_MSG_GREETING,     /* {"QMP": ...} */
    QMP_MSG_EVENT,        /* {"event": ...} */
    QMP_MSG_RETURN,       /* {"return": ..., "id": ...} */
    QMP_MSG_ERROR,        /* {"error": ..., "id": ...} */
} qmpMessageKind;

/* One complete top-level message, summarised.  The strings are the string
 * members of the same name of the "return" object (query-name's "name",
 * query-uuid's "UUID", query-status's "status"); a member that was absent,
 * not a string, or longer than QMP_READER_MAX_TEXT is flagged absent. */
typedef struct {
    qmpMessageKind kind;
    bool has_id;          /* "id" was an integer */
    long long id;
    bool has_name;
    char name[QMP_READER_MAX_TEXT + 1];
    bool has_uuid;
    char uuid[QMP_READER_MAX_TEXT + 1];
    bool has_status;
    char status[QMP_READER_MAX_TEXT + 1];
    int running;          /* query-status "running": -1 absent, 0, 1 */
} qmpMessage;

/* Called for each complete message; the message is valid during the call
 * only.  Return true to stop reading (qmpReaderFeed then returns 1). */
typedef bool (*qmpMessageFunc)(void *opaque, const qmpMessage *msg);

typedef struct qmpReader qmpReader;

/* A new reader, or NULL when out of memory.  Free with qmpReaderFree. */
qmpReader *qmpReaderNew(qmpMessageFunc func, void *opaque);
void qmpReaderFree(qmpReader *reader);

/* Feeds the next `len` bytes.  Returns 0 to go on reading, 1 when the
 * callback asked to stop, -1 when the stream is unacceptable (syntax error,
 * a top-level value that is not an object, too deep, a message too long,
 * too much data in all); then
 * err (of errlen bytes) says why, and the reader must not be fed again. */
int qmpReaderFeed(qmpReader *reader, const char *buf, size_t len,
                  char *err, size_t errlen);

#endif /* QMP_READER_H */
