/*
 * fake-host.c: a minimal virtplugHost and domain sink for QMP unit tests.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fake-host.h"

static void fakeReportError(int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fakeReportSystemError(int from, int code, int errnum,
                                  const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fakeWarn(int from, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

char fakeWarnings[FAKE_MAX_WARNINGS][512];
size_t fakeNWarnings;
int fakeErrors;

static void
fakeReportError(int from, int code, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    (void)code;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fakeErrors++;
}

static void
fakeReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    (void)code;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, ": %s\n", strerror(errnum));
    fakeErrors++;
}

static void
fakeWarn(int from, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    if (fakeNWarnings >= FAKE_MAX_WARNINGS)
        return;
    va_start(ap, fmt);
    vsnprintf(fakeWarnings[fakeNWarnings], sizeof(fakeWarnings[0]), fmt, ap);
    va_end(ap);
    fprintf(stderr, "warning: %s\n", fakeWarnings[fakeNWarnings]);
    fakeNWarnings++;
}

static virtplugDomainRecord *
fakeRecordAdd(virtplugDomainSink *sink, const char *name,
              const unsigned char uuid[VIR_UUID_BUFLEN])
{
    virtplugDomainRecord *rec;
    size_t i;

    if (!name[0] || sink->nrecords >= FAKE_MAX_RECORDS ||
        strlen(name) >= sizeof(sink->records[0].name))
        return NULL;
    for (i = 0; i < sink->nrecords; i++) {
        if (strcmp(sink->records[i].name, name) == 0 ||
            memcmp(sink->records[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return NULL;
    }
    rec = &sink->records[sink->nrecords++];
    memset(rec, 0, sizeof(*rec));
    strcpy(rec->name, name);
    memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
    rec->info.id = -1;
    return rec;
}

static virtplugDomainInfo *
fakeRecordInfo(virtplugDomainRecord *rec)
{
    return &rec->info;
}

static int
fakeRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                  const char *text)
{
    (void)which;
    (void)text;
    rec->texts_set++;
    return 0;
}

static unsigned int
fakeSinkNeed(const virtplugDomainSink *sink)
{
    return sink->need;
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int
fakeUUIDParse(const char *str, unsigned char uuid[VIR_UUID_BUFLEN])
{
    size_t i = 0;

    while (*str && i < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*str == '-') {
            str++;
            continue;
        }
        if ((hi = hexval(str[0])) < 0 || (lo = hexval(str[1])) < 0)
            return -1;
        uuid[i++] = (unsigned char)(hi * 16 + lo);
        str += 2;
    }
    return i == VIR_UUID_BUFLEN && *str == '\0' ? 0 : -1;
}

static void
fakeUUIDFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
               char out[VIR_UUID_STRING_BUFLEN])
{
    snprintf(out, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
             uuid[7], uuid[8], uuid[9], uuid[10], uuid[11], uuid[12],
             uuid[13], uuid[14], uuid[15]);
}

static const char *
fakeURIParam(const virtplugURI *uri, const char *name)
{
    (void)uri;
    (void)name;
    return NULL;
}

const virtplugHost fakeHost = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .reportError = fakeReportError,
    .reportSystemError = fakeReportSystemError,
    .warn = fakeWarn,
    .recordAdd = fakeRecordAdd,
    .recordInfo = fakeRecordInfo,
    .recordSetText = fakeRecordSetText,
    .sinkNeed = fakeSinkNeed,
    .uuidParse = fakeUUIDParse,
    .uuidFormat = fakeUUIDFormat,
    .uriParam = fakeURIParam,
};

void
fakeHostReset(virtplugDomainSink *sink)
{
    memset(sink, 0, sizeof(*sink));
    sink->need = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_STATE;
    fakeNWarnings = 0;
    fakeErrors = 0;
}

virtplugDomainRecord *
fakeSinkFind(virtplugDomainSink *sink, const char *name)
{
    size_t i;

    for (i = 0; i < sink->nrecords; i++) {
        if (strcmp(sink->records[i].name, name) == 0)
            return &sink->records[i];
    }
    return NULL;
}

bool
fakeWarned(const char *a, const char *b)
{
    size_t i;

    for (i = 0; i < fakeNWarnings; i++) {
        if (strstr(fakeWarnings[i], a) && (!b || strstr(fakeWarnings[i], b)))
            return true;
    }
    return false;
}
