/*
 * host-table.c: the helper table handed to every backend's entry point.
 *
 * It is the backends' only way into the core: they never link against
 * libvirtplug, so these functions need not be exported.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp-internal.h"

static void VP_ATTR_PRINTF(3, 4)
vpHostReportError(int from, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpErrorReportV(from, code, fmt, ap);
    va_end(ap);
}

static void VP_ATTR_PRINTF(4, 5)
vpHostReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    char errbuf[256];
    char *detail = NULL;
    const char *errstr;
    va_list ap;

    errstr = strerror_r(errnum, errbuf, sizeof(errbuf));
    va_start(ap, fmt);
    if (vasprintf(&detail, fmt, ap) < 0)
        detail = NULL;
    va_end(ap);
    if (code == 0)
        code = VIR_ERR_SYSTEM_ERROR;
    if (detail)
        vpErrorReport(from, code, "%s: %s", detail, errstr);
    else
        vpErrorReport(from, code, "%s", errstr);
    free(detail);
}

static void VP_ATTR_PRINTF(2, 3)
vpHostWarn(int from, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpWarnV(from, fmt, ap);
    va_end(ap);
}

static virtplugDomainRecord *
vpHostRecordAdd(virtplugDomainSink *sink, const char *name,
                const unsigned char uuid[VIR_UUID_BUFLEN])
{
    return vpSinkAdd(sink, name, uuid);
}

static virtplugDomainInfo *
vpHostRecordInfo(virtplugDomainRecord *rec)
{
    return &rec->info;
}

static int
vpHostRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                    const char *text)
{
    return rec ? vpRecordSetText(rec, which, text) : -1;
}

static unsigned int
vpHostSinkNeed(const virtplugDomainSink *sink)
{
    return sink ? sink->need : 0;
}

static int
vpHexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Accepts libvirt's forms: 32 hex digits, dashes anywhere between byte
 * pairs, surrounding blanks. */
int
vpUUIDParse(const char *str, unsigned char uuid[VIR_UUID_BUFLEN])
{
    const char *p = str;
    size_t i;

    if (!str)
        return -1;
    while (*p == ' ')
        p++;
    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        int hi, lo;
        while (*p == '-')
            p++;
        if ((hi = vpHexValue(p[0])) < 0 || (lo = vpHexValue(p[1])) < 0)
            return -1;
        uuid[i] = (unsigned char)(hi << 4 | lo);
        p += 2;
    }
    while (*p == ' ')
        p++;
    return *p ? -1 : 0;
}

void
vpUUIDFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
             char out[VIR_UUID_STRING_BUFLEN])
{
    snprintf(out, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
             uuid[7], uuid[8], uuid[9], uuid[10], uuid[11], uuid[12],
             uuid[13], uuid[14], uuid[15]);
}

const virtplugHost vpHostTable = {
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = sizeof(virtplugHost),
    .reportError = vpHostReportError,
    .reportSystemError = vpHostReportSystemError,
    .warn = vpHostWarn,
    .recordAdd = vpHostRecordAdd,
    .recordInfo = vpHostRecordInfo,
    .recordSetText = vpHostRecordSetText,
    .sinkNeed = vpHostSinkNeed,
    .uuidParse = vpUUIDParse,
    .uuidFormat = vpUUIDFormat,
    .uriParam = vpURIParam,
};
