/*
 * qemu-fake-host.c: see qemu-fake-host.h.  Warnings are printed to stderr
 * (they show in the test log) and counted.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu-fake-host.h"

size_t qfWarnings;
int qfLastErrorCode;
char qfLastError[512];

static void qfReportError(int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void qfReportSystemError(int from, int code, int errnum,
                                const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void qfWarn(int from, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
qfReportError(int from, int code, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    qfLastErrorCode = code;
    va_start(ap, fmt);
    vsnprintf(qfLastError, sizeof(qfLastError), fmt, ap);
    va_end(ap);
}

static void
qfReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    (void)errnum;
    qfLastErrorCode = code;
    va_start(ap, fmt);
    vsnprintf(qfLastError, sizeof(qfLastError), fmt, ap);
    va_end(ap);
}

static void
qfWarn(int from, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    qfWarnings++;
    fputs("warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static virtplugDomainRecord *
qfRecordAdd(virtplugDomainSink *sink, const char *name,
            const unsigned char uuid[VIR_UUID_BUFLEN])
{
    virtplugDomainRecord *recs, *rec;
    size_t i;

    if (!name || !*name)
        return NULL;
    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0 ||
            memcmp(sink->recs[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return NULL;
    }
    if (!(recs = realloc(sink->recs, (sink->n + 1) * sizeof(*recs))))
        return NULL;
    sink->recs = recs;
    rec = &recs[sink->n];
    memset(rec, 0, sizeof(*rec));
    if (!(rec->name = strdup(name)))
        return NULL;
    memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
    rec->info.id = -1;
    sink->n++;
    return rec;
}

static virtplugDomainInfo *
qfRecordInfo(virtplugDomainRecord *rec)
{
    return &rec->info;
}

static int
qfRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                const char *text)
{
    char **slot = which == VIRTPLUG_ATTR_TITLE ? &rec->title
                                               : &rec->description;
    char *copy = NULL;

    if (text && !(copy = strdup(text)))
        return -1;
    free(*slot);
    *slot = copy;
    rec->info.known |= which;
    return 0;
}

static unsigned int
qfSinkNeed(const virtplugDomainSink *sink)
{
    return sink->need;
}

static int
qfUuidParse(const char *str, unsigned char uuid[VIR_UUID_BUFLEN])
{
    size_t i = 0;

    while (*str == ' ' || *str == '\t' || *str == '\n')
        str++;
    while (i < VIR_UUID_BUFLEN) {
        unsigned int byte;

        if (*str == '-') {
            str++;
            continue;
        }
        if (sscanf(str, "%2x", &byte) != 1 || !str[1] ||
            !strchr("0123456789abcdefABCDEF", str[0]) ||
            !strchr("0123456789abcdefABCDEF", str[1]))
            return -1;
        uuid[i++] = (unsigned char)byte;
        str += 2;
    }
    while (*str == ' ' || *str == '\t' || *str == '\n')
        str++;
    return *str ? -1 : 0;
}

static void
qfUuidFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
             char out[VIR_UUID_STRING_BUFLEN])
{
    snprintf(out, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
             uuid[7], uuid[8], uuid[9], uuid[10], uuid[11], uuid[12],
             uuid[13], uuid[14], uuid[15]);
}

static const char *
qfUriParam(const virtplugURI *uri, const char *name)
{
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    }
    return NULL;
}

const virtplugHost qfHost = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .reportError = qfReportError,
    .reportSystemError = qfReportSystemError,
    .warn = qfWarn,
    .recordAdd = qfRecordAdd,
    .recordInfo = qfRecordInfo,
    .recordSetText = qfRecordSetText,
    .sinkNeed = qfSinkNeed,
    .uuidParse = qfUuidParse,
    .uuidFormat = qfUuidFormat,
    .uriParam = qfUriParam,
};

void
qfFree(virtplugDomainSink *sink)
{
    size_t i;

    for (i = 0; i < sink->n; i++) {
        free(sink->recs[i].name);
        free(sink->recs[i].title);
        free(sink->recs[i].description);
    }
    free(sink->recs);
    sink->recs = NULL;
    sink->n = 0;
}

void
qfReset(virtplugDomainSink *sink, unsigned int need)
{
    qfFree(sink);
    sink->need = need;
    qfWarnings = 0;
    qfLastErrorCode = 0;
    qfLastError[0] = '\0';
}

virtplugDomainRecord *
qfFind(virtplugDomainSink *sink, const char *name)
{
    size_t i;

    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0)
            return &sink->recs[i];
    }
    return NULL;
}
