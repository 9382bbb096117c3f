/*
 * test-qmp-reader.c: the bounded QMP stream reader, the run-state table and
 * the identities derived from socket paths.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <virtplug/virtplug-backend.h>
#include "qmp-identity.h"
#include "qmp-reader.h"
#include "qmp-state.h"

#define MAX_SEEN 8

typedef struct {
    size_t n;
    qmpMessage msgs[MAX_SEEN];
    size_t stop_after;   /* ask to stop after this many, 0: never */
} seenMessages;

static bool
collect(void *opaque, const qmpMessage *msg)
{
    seenMessages *seen = opaque;

    if (seen->n < MAX_SEEN)
        seen->msgs[seen->n] = *msg;
    seen->n++;
    return seen->stop_after && seen->n >= seen->stop_after;
}

/* Feeds text in pieces of `step` bytes; returns the last feed's result. */
static int
feedInSteps(qmpReader *r, const char *text, size_t step, char *err,
            size_t errlen)
{
    size_t len = strlen(text), off = 0;
    int rc = 0;

    while (off < len && rc == 0) {
        size_t n = len - off < step ? len - off : step;

        rc = qmpReaderFeed(r, text + off, n, err, errlen);
        off += n;
    }
    return rc;
}

static const char stream[] =
    "{\"QMP\": {\"version\": {}, \"capabilities\": [\"oob\"]}}\r\n"
    "{\"return\": {}, \"id\": 1}\r\n"
    "{\"event\": \"STOP\", \"data\": {\"return\": {\"name\": \"no\"}, "
    "\"id\": 2}, \"timestamp\": {\"seconds\": 1, \"microseconds\": 2}}\r\n"
    "{\"id\": 2, \"return\": {\"name\": \"vm\\u00e9 1\"}}\r\n"
    "{\"return\": {\"UUID\": \"11111111-2222-3333-4444-555555555555\"},\n"
    "  \"id\": 3}\r\n"
    "{\"return\": {\"status\": \"paused\", \"singlestep\": false,\n"
    "  \"running\": false, \"extra\": [1, 2.5, null, {\"status\": \"no\"}]},"
    " \"id\": 4}\r\n"
    "{\"error\": {\"class\": \"GenericError\", \"desc\": \"x\"}}\r\n";

static void
checkStream(const seenMessages *seen)
{
    assert_int_equal(seen->n, 7);
    assert_int_equal(seen->msgs[0].kind, QMP_MSG_GREETING);
    assert_int_equal(seen->msgs[1].kind, QMP_MSG_RETURN);
    assert_true(seen->msgs[1].has_id);
    assert_int_equal(seen->msgs[1].id, 1);
    assert_int_equal(seen->msgs[2].kind, QMP_MSG_EVENT);
    assert_false(seen->msgs[2].has_id);
    assert_false(seen->msgs[2].has_name);
    assert_int_equal(seen->msgs[3].kind, QMP_MSG_RETURN);
    assert_int_equal(seen->msgs[3].id, 2);
    assert_true(seen->msgs[3].has_name);
    assert_string_equal(seen->msgs[3].name, "vm\xc3\xa9 1");
    assert_true(seen->msgs[4].has_uuid);
    assert_string_equal(seen->msgs[4].uuid,
                        "11111111-2222-3333-4444-555555555555");
    assert_true(seen->msgs[5].has_status);
    assert_string_equal(seen->msgs[5].status, "paused");
    assert_int_equal(seen->msgs[5].running, 0);
    assert_int_equal(seen->msgs[5].id, 4);
    assert_int_equal(seen->msgs[6].kind, QMP_MSG_ERROR);
    assert_false(seen->msgs[6].has_id);
}

static void
testStreamWholeAndSplit(void **state)
{
    size_t step;
    char err[200];

    (void)state;
    for (step = 1; step <= sizeof(stream); step += step < 8 ? 1 : 37) {
        seenMessages seen = { 0 };
        qmpReader *r = qmpReaderNew(collect, &seen);

        assert_non_null(r);
        assert_int_equal(feedInSteps(r, stream, step, err, sizeof(err)), 0);
        checkStream(&seen);
        qmpReaderFree(r);
    }
}

static void
testStop(void **state)
{
    seenMessages seen = { .stop_after = 2 };
    qmpReader *r = qmpReaderNew(collect, &seen);
    char err[200];

    (void)state;
    assert_int_equal(qmpReaderFeed(r, stream, strlen(stream), err,
                                   sizeof(err)), 1);
    assert_int_equal(seen.n, 2);
    qmpReaderFree(r);
}

static void
expectRefused(const char *text, const char *why)
{
    seenMessages seen = { 0 };
    qmpReader *r = qmpReaderNew(collect, &seen);
    char err[200] = "";

    assert_int_equal(feedInSteps(r, text, 7, err, sizeof(err)), -1);
    if (!strstr(err, why))
        fail_msg("'%s': error '%s' lacks '%s'", text, err, why);
    qmpReaderFree(r);
}

static void
testRefusals(void **state)
{
    (void)state;
    expectRefused("{\"return\": nope}", "invalid JSON");
    expectRefused("[1, 2]", "not a JSON object");
    expectRefused("\"QMP\"", "not a JSON object");
    expectRefused("42 ", "not a JSON object");
    expectRefused("{\"a\": 1} /* c */ {}", "invalid JSON");
    expectRefused("{\"a\": \"\x01\"}", "invalid JSON");
    expectRefused("{\"a\": 1}}", "invalid JSON");

    /* An object plus 31 arrays is exactly the cap; one more is refused. */
    {
        char ok[128], bad[128];
        size_t d;

        strcpy(ok, "{\"a\":");
        for (d = 1; d < QMP_READER_MAX_DEPTH; d++)
            strcat(ok, "[");
        for (d = 1; d < QMP_READER_MAX_DEPTH; d++)
            strcat(ok, "]");
        strcat(ok, "}");
        {
            seenMessages seen = { 0 };
            qmpReader *r = qmpReaderNew(collect, &seen);
            char err[200];

            assert_int_equal(feedInSteps(r, ok, 5, err, sizeof(err)), 0);
            assert_int_equal(seen.n, 1);
            qmpReaderFree(r);
        }
        strcpy(bad, "{\"a\":");
        for (d = 0; d < QMP_READER_MAX_DEPTH; d++)
            strcat(bad, "[");
        expectRefused(bad, "nested too deeply");
    }
}

/* A monitor that floods with small, valid messages is cut off by the
 * budget of the connection. */
static void
testSizeCap(void **state)
{
    seenMessages seen = { 0 };
    qmpReader *r = qmpReaderNew(collect, &seen);
    static const char event[] = "{\"event\": \"STOP\"}\r\n";
    char err[200];
    char *flood = malloc(65536);
    size_t fed = 0, len = 0;
    int rc = 0;

    (void)state;
    assert_non_null(flood);
    while (len + sizeof(event) - 1 <= 65536) {
        memcpy(flood + len, event, sizeof(event) - 1);
        len += sizeof(event) - 1;
    }
    while (rc == 0 && fed < 4u * QMP_READER_MAX_BYTES) {
        rc = qmpReaderFeed(r, flood, len, err, sizeof(err));
        fed += len;
    }
    assert_int_equal(rc, -1);
    assert_true(fed <= QMP_READER_MAX_BYTES + 65536);
    assert_true(seen.n > QMP_READER_MAX_BYTES / 2 / (sizeof(event) - 1));
    assert_non_null(strstr(err, "monitor sent more than"));
    qmpReaderFree(r);
    free(flood);
}

/* One message may be QMP_READER_MAX_MESSAGE bytes (counting the blank
 * space before it), not one more, however it arrives. */
static void
testMessageCap(void **state)
{
    static const char head[] = "\r\n{\"return\": {\"x\": \"";
    static const char tail[] = "\"}, \"id\": 2}";
    size_t fill = QMP_READER_MAX_MESSAGE - (sizeof(head) - 1) -
        (sizeof(tail) - 1);
    char *text = malloc(QMP_READER_MAX_MESSAGE + 2);
    size_t step;

    (void)state;
    assert_non_null(text);
    memcpy(text, head, sizeof(head) - 1);
    memset(text + sizeof(head) - 1, 'x', fill);
    memcpy(text + sizeof(head) - 1 + fill, tail, sizeof(tail));
    assert_int_equal(strlen(text), QMP_READER_MAX_MESSAGE);

    /* Byte by byte is 130,000 feeds, which took a minute under valgrind
     * (CI's valgrind step): there, the dribble starts at 181 bytes; the gcc
     * and ASan steps feed one byte at a time too. */
    step = getenv("VIRTPLUG_UNDER_VALGRIND") ? 181 : 1;
    for (; step <= QMP_READER_MAX_MESSAGE * 2; step *= 181) {
        seenMessages seen = { 0 };
        qmpReader *r = qmpReaderNew(collect, &seen);
        char err[200];

        /* Exactly at the cap, twice: each message has its own cap. */
        assert_int_equal(feedInSteps(r, text, step, err, sizeof(err)), 0);
        assert_int_equal(feedInSteps(r, text, step, err, sizeof(err)), 0);
        assert_int_equal(seen.n, 2);
        qmpReaderFree(r);

        /* One byte more: refused, and nothing delivered. */
        memset(&seen, 0, sizeof(seen));
        r = qmpReaderNew(collect, &seen);
        assert_int_equal(qmpReaderFeed(r, " ", 1, err, sizeof(err)), 0);
        assert_int_equal(feedInSteps(r, text, step, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "a message of more than"));
        assert_int_equal(seen.n, 0);
        qmpReaderFree(r);
    }
    free(text);
}

static void
testLongStrings(void **state)
{
    seenMessages seen = { 0 };
    qmpReader *r = qmpReaderNew(collect, &seen);
    char err[200];
    static const char head[] = "{\"return\": {\"name\": \"";
    static const char tail[] = "\"}, \"id\": 2}";
    size_t xs = QMP_READER_MAX_TEXT + 1;
    char *text = malloc(sizeof(head) + xs + sizeof(tail));

    (void)state;
    if (!text)
        abort();
    memcpy(text, head, sizeof(head) - 1);
    memset(text + sizeof(head) - 1, 'x', xs);
    memcpy(text + sizeof(head) - 1 + xs, tail, sizeof(tail));
    assert_int_equal(qmpReaderFeed(r, text, strlen(text), err, sizeof(err)),
                     0);
    assert_int_equal(seen.n, 1);
    assert_false(seen.msgs[0].has_name);
    /* An embedded NUL is as good as absent too. */
    {
        static const char nul[] = "{\"return\": {\"name\": \"a\\u0000b\"}}";

        assert_int_equal(qmpReaderFeed(r, nul, strlen(nul), err,
                                       sizeof(err)), 0);
    }
    assert_int_equal(seen.n, 2);
    assert_false(seen.msgs[1].has_name);
    qmpReaderFree(r);
    free(text);
}

static void
testStateTable(void **state)
{
    static const struct {
        const char *status;
        int state;
        int reason;
        bool known;
    } rows[] = {
        { "running", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED, true },
        { "paused", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, true },
        { "prelaunch", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, true },
        { "inmigrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION, true },
        { "postmigrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION, true },
        { "finish-migrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION,
          true },
        { "io-error", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_IOERROR, true },
        { "save-vm", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SAVE, true },
        { "watchdog", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_WATCHDOG, true },
        { "debug", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, true },
        { "internal-error", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN,
          true },
        { "restore-vm", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, true },
        { "shutdown", VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_UNKNOWN, true },
        { "guest-panicked", VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED,
          true },
        { "suspended", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, false },
        { "colo", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, false },
        { "", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, false },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        int st = -1, reason = -1;

        assert_int_equal(qmpStatusToState(rows[i].status, &st, &reason),
                         rows[i].known);
        assert_int_equal(st, rows[i].state);
        assert_int_equal(reason, rows[i].reason);
    }
}

static void
testIdentity(void **state)
{
    unsigned char a[VIR_UUID_BUFLEN], b[VIR_UUID_BUFLEN], a2[VIR_UUID_BUFLEN];
    char name[16];
    int id;

    (void)state;
    qmpNameFromSocket("vm1.qmp", name, sizeof(name));
    assert_string_equal(name, "vm1");
    qmpNameFromSocket("a.b.sock", name, sizeof(name));
    assert_string_equal(name, "a.b");
    qmpNameFromSocket(".hidden", name, sizeof(name));
    assert_string_equal(name, ".hidden");
    qmpNameFromSocket("plain", name, sizeof(name));
    assert_string_equal(name, "plain");
    qmpNameFromSocket("averyveryverylongname", name, sizeof(name));
    assert_string_equal(name, "averyveryverylo");

    qmpUUIDFromSocket("/run/qmp/a", a);
    qmpUUIDFromSocket("/run/qmp/b", b);
    qmpUUIDFromSocket("/run/qmp/a", a2);
    assert_memory_equal(a, a2, VIR_UUID_BUFLEN);
    assert_memory_not_equal(a, b, VIR_UUID_BUFLEN);
    assert_int_equal(a[6] >> 4, 8);
    assert_int_equal(a[8] & 0xc0, 0x80);

    id = qmpIdFromSocket("/run/qmp/a");
    assert_true(id >= 0x40000000);
    assert_int_equal(id, qmpIdFromSocket("/run/qmp/a"));
    assert_int_not_equal(id, qmpIdFromSocket("/run/qmp/b"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testStreamWholeAndSplit),
        cmocka_unit_test(testStop),
        cmocka_unit_test(testRefusals),
        cmocka_unit_test(testSizeCap),
        cmocka_unit_test(testMessageCap),
        cmocka_unit_test(testLongStrings),
        cmocka_unit_test(testStateTable),
        cmocka_unit_test(testIdentity),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
