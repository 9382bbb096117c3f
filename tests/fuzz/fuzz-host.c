/*
 * fuzz-host.c: a host table for parser harnesses.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-host.h"
#include "vp-uuid.h"

static unsigned long messages;

static void __attribute__((format(printf, 1, 0)))
fuzzFormat(const char *fmt, va_list ap)
{
    char buf[1024];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    messages++;
}

static void __attribute__((format(printf, 3, 4)))
fuzzReportError(int from, int code, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    (void)code;
    va_start(ap, fmt);
    fuzzFormat(fmt, ap);
    va_end(ap);
}

static void __attribute__((format(printf, 4, 5)))
fuzzReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    (void)code;
    (void)errnum;
    va_start(ap, fmt);
    fuzzFormat(fmt, ap);
    va_end(ap);
}

static void __attribute__((format(printf, 2, 3)))
fuzzWarn(int from, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    va_start(ap, fmt);
    fuzzFormat(fmt, ap);
    va_end(ap);
}

static virtplugDomainRecord *
fuzzRecordAdd(virtplugDomainSink *sink, const char *name,
              const unsigned char uuid[VIR_UUID_BUFLEN])
{
    (void)sink;
    (void)name;
    (void)uuid;
    return NULL;
}

static virtplugDomainInfo *
fuzzRecordInfo(virtplugDomainRecord *rec)
{
    static virtplugDomainInfo info;

    (void)rec;
    memset(&info, 0, sizeof(info));
    return &info;
}

static int
fuzzRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                  const char *text)
{
    (void)rec;
    (void)which;
    (void)text;
    return 0;
}

static unsigned int
fuzzSinkNeed(const virtplugDomainSink *sink)
{
    (void)sink;
    return VIRTPLUG_ATTR_ACTIVE;
}

static const char *
fuzzURIParam(const virtplugURI *uri, const char *name)
{
    (void)uri;
    (void)name;
    return NULL;
}

const virtplugHost fuzzHost = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .reportError = fuzzReportError,
    .reportSystemError = fuzzReportSystemError,
    .warn = fuzzWarn,
    .recordAdd = fuzzRecordAdd,
    .recordInfo = fuzzRecordInfo,
    .recordSetText = fuzzRecordSetText,
    .sinkNeed = fuzzSinkNeed,
    .uuidParse = vpParseUUID,
    .uuidFormat = vpUUIDFormat,
    .uriParam = fuzzURIParam,
};

unsigned long
fuzzHostMessages(void)
{
    return messages;
}

void
fuzzHostReset(void)
{
    messages = 0;
}
