/*
 * qmp-reader.c: incremental, bounded reader for QMP monitor output.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "qmp-reader.h"

/* The top-level key whose value is being read. */
typedef enum {
    TOP_OTHER = 0,
    TOP_QMP,
    TOP_EVENT,
    TOP_RETURN,
    TOP_ERROR,
    TOP_ID,
} topKey;

/* The key inside the "return" object whose value is being read. */
typedef enum {
    RET_OTHER = 0,
    RET_NAME,
    RET_UUID,
    RET_STATUS,
    RET_RUNNING,
} returnKey;

struct qmpReader {
    yajl_handle yajl;
    qmpMessageFunc func;
    void *opaque;
    size_t fed;           /* bytes accepted so far */
    size_t base;          /* bytes accepted before the current yajl_parse */
    size_t msg_end;       /* where the last complete message ended */
    int depth;            /* 0 between messages, 1 inside the message */
    topKey top;
    returnKey ret;
    bool stop;            /* the callback asked to stop */
    const char *refusal;  /* why a callback canceled the parse, or NULL */
    qmpMessage msg;
};

static bool
keyIs(const unsigned char *key, size_t len, const char *want)
{
    return len == strlen(want) && memcmp(key, want, len) == 0;
}

/* A value (scalar, or the start of a container) at the current place.
 * Returns the yajl verdict: 1 go on, 0 cancel. */
static int
readerCheckTopLevel(qmpReader *r)
{
    if (r->depth == 0) {
        r->refusal = "a message that is not a JSON object";
        return 0;
    }
    return 1;
}

static int
onNull(void *ctx)
{
    return readerCheckTopLevel(ctx);
}

static int
onBoolean(void *ctx, int value)
{
    qmpReader *r = ctx;

    if (!readerCheckTopLevel(r))
        return 0;
    if (r->depth == 2 && r->top == TOP_RETURN && r->ret == RET_RUNNING)
        r->msg.running = value ? 1 : 0;
    return 1;
}

static int
onInteger(void *ctx, long long value)
{
    qmpReader *r = ctx;

    if (!readerCheckTopLevel(r))
        return 0;
    if (r->depth == 1 && r->top == TOP_ID) {
        r->msg.has_id = true;
        r->msg.id = value;
    }
    return 1;
}

static int
onDouble(void *ctx, double value)
{
    (void)value;
    return readerCheckTopLevel(ctx);
}

static void
keepText(const unsigned char *s, size_t len, char *dst, bool *has)
{
    /* An over-long or NUL-carrying string is as good as absent. */
    if (len > QMP_READER_MAX_TEXT || memchr(s, '\0', len)) {
        *has = false;
        return;
    }
    memcpy(dst, s, len);
    dst[len] = '\0';
    *has = true;
}

static int
onString(void *ctx, const unsigned char *s, size_t len)
{
    qmpReader *r = ctx;

    if (!readerCheckTopLevel(r))
        return 0;
    if (r->depth != 2 || r->top != TOP_RETURN)
        return 1;
    switch (r->ret) {
    case RET_NAME:
        keepText(s, len, r->msg.name, &r->msg.has_name);
        break;
    case RET_UUID:
        keepText(s, len, r->msg.uuid, &r->msg.has_uuid);
        break;
    case RET_STATUS:
        keepText(s, len, r->msg.status, &r->msg.has_status);
        break;
    case RET_RUNNING:
    case RET_OTHER:
        break;
    }
    return 1;
}

static int
readerEnter(qmpReader *r)
{
    if (r->depth >= QMP_READER_MAX_DEPTH) {
        r->refusal = "JSON nested too deeply";
        return 0;
    }
    r->depth++;
    return 1;
}

static int
onStartMap(void *ctx)
{
    qmpReader *r = ctx;

    if (r->depth == 0) {
        memset(&r->msg, 0, sizeof(r->msg));
        r->msg.running = -1;
        r->top = TOP_OTHER;
    }
    r->ret = RET_OTHER;
    return readerEnter(r);
}

static int
onMapKey(void *ctx, const unsigned char *key, size_t len)
{
    qmpReader *r = ctx;

    if (r->depth == 1) {
        if (keyIs(key, len, "QMP")) {
            r->top = TOP_QMP;
            r->msg.kind = QMP_MSG_GREETING;
        } else if (keyIs(key, len, "event")) {
            r->top = TOP_EVENT;
            r->msg.kind = QMP_MSG_EVENT;
        } else if (keyIs(key, len, "return")) {
            r->top = TOP_RETURN;
            r->msg.kind = QMP_MSG_RETURN;
        } else if (keyIs(key, len, "error")) {
            r->top = TOP_ERROR;
            r->msg.kind = QMP_MSG_ERROR;
        } else if (keyIs(key, len, "id")) {
            r->top = TOP_ID;
        } else {
            r->top = TOP_OTHER;
        }
    } else if (r->depth == 2 && r->top == TOP_RETURN) {
        if (keyIs(key, len, "name"))
            r->ret = RET_NAME;
        else if (keyIs(key, len, "UUID"))
            r->ret = RET_UUID;
        else if (keyIs(key, len, "status"))
            r->ret = RET_STATUS;
        else if (keyIs(key, len, "running"))
            r->ret = RET_RUNNING;
        else
            r->ret = RET_OTHER;
    }
    return 1;
}

static int
onEndMap(void *ctx)
{
    qmpReader *r = ctx;

    r->depth--;
    if (r->depth != 0)
        return 1;
    /* yajl counts the bytes it consumed as it goes: this is the '}'. */
    r->msg_end = r->base + yajl_get_bytes_consumed(r->yajl);
    if (r->func(r->opaque, &r->msg)) {
        r->stop = true;
        return 0;
    }
    return 1;
}

static int
onStartArray(void *ctx)
{
    qmpReader *r = ctx;

    if (!readerCheckTopLevel(r))
        return 0;
    if (r->depth == 1)
        r->ret = RET_OTHER;
    return readerEnter(r);
}

static int
onEndArray(void *ctx)
{
    qmpReader *r = ctx;

    r->depth--;
    return 1;
}

static const yajl_callbacks readerCallbacks = {
    .yajl_null = onNull,
    .yajl_boolean = onBoolean,
    .yajl_integer = onInteger,
    .yajl_double = onDouble,
    .yajl_string = onString,
    .yajl_start_map = onStartMap,
    .yajl_map_key = onMapKey,
    .yajl_end_map = onEndMap,
    .yajl_start_array = onStartArray,
    .yajl_end_array = onEndArray,
};

qmpReader *
qmpReaderNew(qmpMessageFunc func, void *opaque)
{
    qmpReader *r = calloc(1, sizeof(*r));

    if (!r)
        return NULL;
    r->func = func;
    r->opaque = opaque;
    if (!(r->yajl = yajl_alloc(&readerCallbacks, NULL, r))) {
        free(r);
        return NULL;
    }
    /* QMP is a stream of objects separated by CRLF. */
    yajl_config(r->yajl, yajl_allow_multiple_values, 1);
    yajl_config(r->yajl, yajl_allow_comments, 0);
    return r;
}

void
qmpReaderFree(qmpReader *reader)
{
    if (!reader)
        return;
    yajl_free(reader->yajl);
    free(reader);
}

/* Feeds one slice, which keeps the pending message within its cap.
 * Same return convention as qmpReaderFeed. */
static int
qmpReaderFeedSlice(qmpReader *reader, const char *buf, size_t len,
                   char *err, size_t errlen)
{
    yajl_status st;

    reader->base = reader->fed;
    reader->fed += len;
    st = yajl_parse(reader->yajl, (const unsigned char *)buf, len);
    if (st == yajl_status_ok)
        return 0;
    if (reader->stop)
        return 1;
    if (st == yajl_status_client_canceled && reader->refusal) {
        snprintf(err, errlen, "%s", reader->refusal);
    } else {
        unsigned char *text = yajl_get_error(reader->yajl, 0, NULL, 0);
        size_t n;

        snprintf(err, errlen, "invalid JSON: %s",
                 text ? (const char *)text : "unknown error");
        /* yajl ends its message with a newline. */
        n = strlen(err);
        while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' '))
            err[--n] = '\0';
        if (text)
            yajl_free_error(reader->yajl, text);
    }
    return -1;
}

int
qmpReaderFeed(qmpReader *reader, const char *buf, size_t len,
              char *err, size_t errlen)
{
    if (len > QMP_READER_MAX_BYTES - reader->fed) {
        snprintf(err, errlen, "monitor sent more than %u bytes",
                 QMP_READER_MAX_BYTES);
        return -1;
    }
    /* Slices no longer than the room left for the pending message: a
     * message that ends inside a slice makes room for the next. */
    while (len > 0) {
        size_t pending = reader->fed - reader->msg_end;
        size_t room = QMP_READER_MAX_MESSAGE - pending;
        size_t n = len < room ? len : room;
        int rc;

        if (pending >= QMP_READER_MAX_MESSAGE) {
            snprintf(err, errlen, "monitor sent a message of more than %u "
                     "bytes", QMP_READER_MAX_MESSAGE);
            return -1;
        }
        if ((rc = qmpReaderFeedSlice(reader, buf, n, err, errlen)) != 0)
            return rc;
        buf += n;
        len -= n;
    }
    return 0;
}
