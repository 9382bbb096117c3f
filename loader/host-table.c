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

#include "domain-sink.h"
#include "errors.h"
#include "host-table.h"
#include "uri.h"
#include "vp-export.h"
#include "vp-uuid.h"

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
    .uuidParse = vpParseUUID,
    .uuidFormat = vpUUIDFormat,
    .uriParam = vpURIParam,
};
