/*
 * mock-host.c: a stand-in for libvirtplug's side of the backend contract.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mock-host.h"

static _Thread_local mockReport mockThreadReport;

mockReport *
mockReportGet(void)
{
    return &mockThreadReport;
}

void
mockReportReset(void)
{
    memset(&mockThreadReport, 0, sizeof(mockThreadReport));
}

static void mockReportError(int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void mockReportSystemError(int from, int code, int errnum,
                                  const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void mockWarn(int from, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
mockReportError(int from, int code, const char *fmt, ...)
{
    va_list ap;

    mockThreadReport.code = code;
    mockThreadReport.domain = from;
    mockThreadReport.nerrors++;
    va_start(ap, fmt);
    vsnprintf(mockThreadReport.message, sizeof(mockThreadReport.message),
              fmt, ap);
    va_end(ap);
}

static void
mockReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    mockThreadReport.code = code ? code : VIR_ERR_SYSTEM_ERROR;
    mockThreadReport.domain = from;
    mockThreadReport.nerrors++;
    va_start(ap, fmt);
    vsnprintf(mockThreadReport.message, sizeof(mockThreadReport.message),
              fmt, ap);
    va_end(ap);
    n = strlen(mockThreadReport.message);
    snprintf(mockThreadReport.message + n,
             sizeof(mockThreadReport.message) - n, ": %s", strerror(errnum));
}

static void
mockWarn(int from, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    mockThreadReport.nwarnings++;
    va_start(ap, fmt);
    vsnprintf(mockThreadReport.warning, sizeof(mockThreadReport.warning),
              fmt, ap);
    va_end(ap);
}

static virtplugDomainRecord *
mockRecordAdd(virtplugDomainSink *sink, const char *name,
              const unsigned char uuid[VIR_UUID_BUFLEN])
{
    struct _virtplugDomainRecord *bigger, *rec;
    size_t i;

    if (!name || !name[0])
        return NULL;
    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0 ||
            memcmp(sink->recs[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return NULL;
    }
    /* Records are handed out by pointer: never move them. */
    if (sink->n % 4096 == 0) {
        if (sink->n)
            return NULL;    /* tests stay below 4096 records */
        if ((bigger = calloc(4096, sizeof(*bigger))) == NULL)
            return NULL;
        sink->recs = bigger;
    }
    rec = &sink->recs[sink->n];
    if ((rec->name = strdup(name)) == NULL)
        return NULL;
    memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
    rec->info.id = -1;
    sink->n++;
    return rec;
}

static virtplugDomainInfo *
mockRecordInfo(virtplugDomainRecord *rec)
{
    return &rec->info;
}

static int
mockRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                  const char *text)
{
    char **slot = which == VIRTPLUG_ATTR_TITLE ? &rec->title
                                               : &rec->description;
    char *copy = NULL;

    if (text && (copy = strdup(text)) == NULL)
        return -1;
    free(*slot);
    *slot = copy;
    rec->info.known |= which;
    return 0;
}

static unsigned int
mockSinkNeed(const virtplugDomainSink *sink)
{
    return sink->need;
}

static int
mockHex(char c)
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
mockUUIDParse(const char *str, unsigned char uuid[VIR_UUID_BUFLEN])
{
    size_t i = 0;

    while (i < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*str == '-') {
            str++;
            continue;
        }
        if ((hi = mockHex(str[0])) < 0 || (lo = mockHex(str[1])) < 0)
            return -1;
        uuid[i++] = (unsigned char)(hi * 16 + lo);
        str += 2;
    }
    return *str ? -1 : 0;
}

static void
mockUUIDFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
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
mockURIParam(const virtplugURI *uri, const char *name)
{
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    }
    return NULL;
}

const virtplugHost mockHost = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .reportError = mockReportError,
    .reportSystemError = mockReportSystemError,
    .warn = mockWarn,
    .recordAdd = mockRecordAdd,
    .recordInfo = mockRecordInfo,
    .recordSetText = mockRecordSetText,
    .sinkNeed = mockSinkNeed,
    .uuidParse = mockUUIDParse,
    .uuidFormat = mockUUIDFormat,
    .uriParam = mockURIParam,
};

void
mockSinkInit(virtplugDomainSink *sink, unsigned int need)
{
    memset(sink, 0, sizeof(*sink));
    sink->need = need;
}

void
mockSinkClear(virtplugDomainSink *sink)
{
    size_t i;

    for (i = 0; i < sink->n; i++) {
        free(sink->recs[i].name);
        free(sink->recs[i].title);
        free(sink->recs[i].description);
    }
    free(sink->recs);
    memset(sink, 0, sizeof(*sink));
}

struct _virtplugDomainRecord *
mockSinkFind(virtplugDomainSink *sink, const char *name)
{
    size_t i;

    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0)
            return &sink->recs[i];
    }
    return NULL;
}
