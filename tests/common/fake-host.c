/*
 * fake-host.c: a stand-in for libvirtplug's side of the backend contract
 * (see fake-host.h).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-host.h"
#include "../../loader/vp-uuid.h"

static _Thread_local fakeReport fakeThreadReport;

bool fakeHostEcho;
void (*fakeWarnHook)(int from, const char *text);

fakeReport *
fakeReportGet(void)
{
    return &fakeThreadReport;
}

void
fakeReportReset(void)
{
    memset(&fakeThreadReport, 0, sizeof(fakeThreadReport));
}

bool
fakeWarned(const char *a, const char *b)
{
    size_t i;

    for (i = 0; i < fakeThreadReport.nkept; i++) {
        const char *w = fakeThreadReport.kept[i];

        if (strstr(w, a) && (!b || strstr(w, b)))
            return true;
    }
    return false;
}

static void fakeReportError(int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fakeReportSystemError(int from, int code, int errnum,
                                  const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fakeWarn(int from, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fakeReportError(int from, int code, const char *fmt, ...)
{
    fakeReport *r = &fakeThreadReport;
    va_list ap;

    r->code = code;
    r->domain = from;
    r->nerrors++;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof(r->message), fmt, ap);
    va_end(ap);
    if (fakeHostEcho)
        fprintf(stderr, "error %d: %s\n", code, r->message);
}

static void
fakeReportSystemError(int from, int code, int errnum, const char *fmt, ...)
{
    fakeReport *r = &fakeThreadReport;
    va_list ap;
    size_t n;

    r->code = code ? code : VIR_ERR_SYSTEM_ERROR;
    r->domain = from;
    r->nerrors++;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof(r->message), fmt, ap);
    va_end(ap);
    n = strlen(r->message);
    snprintf(r->message + n, sizeof(r->message) - n, ": %s",
             strerror(errnum));
    if (fakeHostEcho)
        fprintf(stderr, "error %d: %s\n", r->code, r->message);
}

static void
fakeWarn(int from, const char *fmt, ...)
{
    fakeReport *r = &fakeThreadReport;
    va_list ap;

    r->nwarnings++;
    va_start(ap, fmt);
    vsnprintf(r->warning, sizeof(r->warning), fmt, ap);
    va_end(ap);
    if (r->nkept < FAKE_MAX_WARNINGS) {
        /* Kept texts are shorter than the last one: cut them. */
        char *kept = r->kept[r->nkept++];
        size_t len = strnlen(r->warning, sizeof(r->kept[0]) - 1);

        memcpy(kept, r->warning, len);
        kept[len] = '\0';
    }
    if (fakeHostEcho)
        fprintf(stderr, "warning: %s\n", r->warning);
    if (fakeWarnHook)
        fakeWarnHook(from, r->warning);
}

static virtplugDomainRecord *
fakeRecordAdd(virtplugDomainSink *sink, const char *name,
              const unsigned char uuid[VIR_UUID_BUFLEN])
{
    struct _virtplugDomainRecord *rec;
    size_t i;

    if (!name || !name[0]) {
        sink->nbadnames++;
        return NULL;
    }
    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0 ||
            memcmp(sink->recs[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return NULL;
    }
    /* Records are handed out by pointer: allocate once, never move. */
    if (sink->n >= FAKE_MAX_RECORDS)
        return NULL;
    if (!sink->recs &&
        (sink->recs = calloc(FAKE_MAX_RECORDS, sizeof(*sink->recs))) == NULL)
        return NULL;
    rec = &sink->recs[sink->n];
    memset(rec, 0, sizeof(*rec));
    if ((rec->name = strdup(name)) == NULL)
        return NULL;
    memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
    rec->info.id = -1;
    sink->n++;
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
fakeSinkNeed(const virtplugDomainSink *sink)
{
    return sink->need;
}

static const char *
fakeURIParam(const virtplugURI *uri, const char *name)
{
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    }
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
    .uuidParse = vpParseUUID,
    .uuidFormat = vpUUIDFormat,
    .uriParam = fakeURIParam,
};

void
fakeSinkInit(virtplugDomainSink *sink, unsigned int need)
{
    memset(sink, 0, sizeof(*sink));
    sink->need = need;
}

void
fakeSinkClear(virtplugDomainSink *sink)
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

void
fakeHostReset(virtplugDomainSink *sink, unsigned int need)
{
    fakeSinkClear(sink);
    sink->need = need;
    fakeReportReset();
}

struct _virtplugDomainRecord *
fakeSinkFind(virtplugDomainSink *sink, const char *name)
{
    size_t i;

    for (i = 0; i < sink->n; i++) {
        if (strcmp(sink->recs[i].name, name) == 0)
            return &sink->recs[i];
    }
    return NULL;
}
