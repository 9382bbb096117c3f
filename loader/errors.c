/*
 * errors.c: libvirt-style error reporting.
 *
 * Each thread has its own last error (a pthread key, so the strings are
 * released when the thread exits).  Messages are built as libvirt builds
 * them: the fixed text for the code, then ": " and the detail.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "vp-export.h"

static pthread_key_t lastErrorKey;
static pthread_once_t lastErrorOnce = PTHREAD_ONCE_INIT;
static bool lastErrorKeyOK;

static pthread_mutex_t handlerLock = PTHREAD_MUTEX_INITIALIZER;
static virErrorFunc handlerFunc;
static void *handlerData;

/* libvirt's texts, checked against libvirt 9.0's strings: `bare` is the
 * message without a detail; with one, the message is `prefix` + detail. */
typedef struct {
    int code;
    const char *bare;
    const char *prefix;
} vpErrorText;

static const vpErrorText errorTexts[] = {
    { VIR_ERR_INTERNAL_ERROR, "internal error", "internal error: " },
    { VIR_ERR_NO_MEMORY, "out of memory", "out of memory: " },
    { VIR_ERR_NO_SUPPORT,
      "this function is not supported by the connection driver",
      "this function is not supported by the connection driver: " },
    { VIR_ERR_NO_CONNECT, "no connection driver available",
      "no connection driver available for " },
    { VIR_ERR_INVALID_CONN, "invalid connection pointer in",
      "invalid connection pointer in " },
    { VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in",
      "invalid domain pointer in " },
    { VIR_ERR_INVALID_ARG, "invalid argument", "invalid argument: " },
    { VIR_ERR_OPERATION_FAILED, "operation failed", "operation failed: " },
    { VIR_ERR_XML_ERROR, "XML description is invalid or not well formed",
      "XML error: " },
    { VIR_ERR_OPERATION_DENIED, "operation forbidden for read only access",
      "operation forbidden: " },
    { VIR_ERR_OPEN_FAILED, "failed to open configuration file",
      "failed to open configuration file " },
    { VIR_ERR_READ_FAILED, "failed to read configuration file",
      "failed to read configuration file " },
    { VIR_ERR_PARSE_FAILED, "failed to parse configuration file",
      "failed to parse configuration file " },
    { VIR_ERR_XML_DETAIL, "parser error", "" },
    { VIR_ERR_SYSTEM_ERROR, "system call error", "" },
    { VIR_ERR_NO_DOMAIN, "Domain not found", "Domain not found: " },
    { VIR_ERR_OPERATION_INVALID, "Requested operation is not valid",
      "Requested operation is not valid: " },
    { VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration",
      "unsupported configuration: " },
    { VIR_ERR_OPERATION_TIMEOUT, "Timed out during operation",
      "Timed out during operation: " },
    { VIR_ERR_NO_DOMAIN_SNAPSHOT, "Domain snapshot not found",
      "Domain snapshot not found: " },
    { VIR_ERR_NO_DOMAIN_METADATA, "metadata not found",
      "metadata not found: " },
    { VIR_ERR_OPERATION_UNSUPPORTED, "Operation not supported",
      "Operation not supported: " },
    { VIR_ERR_NO_DOMAIN_CHECKPOINT, "Domain checkpoint not found",
      "Domain checkpoint not found: " },
};

/* libvirt's names for the error domains, as its default handler prints. */
static const char *
vpErrorDomainName(int from)
{
    switch (from) {
    case VIR_FROM_XEN: return "Xen Driver";
    case VIR_FROM_XML: return "XML Util";
    case VIR_FROM_DOM: return "Domain";
    case VIR_FROM_CONF: return "Config File";
    case VIR_FROM_QEMU: return "QEMU Driver";
    case VIR_FROM_TEST: return "Test Driver";
    case VIR_FROM_LXC: return "LXC Driver";
    case VIR_FROM_DOMAIN: return "Domain Config";
    case VIR_FROM_DOMAIN_SNAPSHOT: return "Domain Snapshot";
    case VIR_FROM_LIBXL: return "xenlight";
    case VIR_FROM_URI: return "URI Utils";
    case VIR_FROM_THREAD: return "Threads";
    case VIR_FROM_DOMAIN_CHECKPOINT: return "Domain Checkpoint";
    default: return "";
    }
}

static void
vpLastErrorFree(void *data)
{
    virErrorPtr err = data;

    virResetError(err);
    free(err);
}

static void
vpLastErrorKeyInit(void)
{
    lastErrorKeyOK = pthread_key_create(&lastErrorKey, vpLastErrorFree) == 0;
}

/* The calling thread's error object, created on first use; NULL only when
 * out of memory. */
static virErrorPtr
vpLastErrorObject(void)
{
    virErrorPtr err;

    pthread_once(&lastErrorOnce, vpLastErrorKeyInit);
    if (!lastErrorKeyOK)
        return NULL;
    if ((err = pthread_getspecific(lastErrorKey)))
        return err;
    if (!(err = calloc(1, sizeof(*err))))
        return NULL;
    if (pthread_setspecific(lastErrorKey, err) != 0) {
        free(err);
        return NULL;
    }
    return err;
}

/* The one sanitiser of printed text.  Messages carry names and texts taken
 * from files, file names and monitor sockets; none of it may drive the
 * terminal that shows the message.  Replaces, in place, every C0 control
 * (newline and tab too: a message is one line), DEL, every byte that is not
 * part of valid UTF-8 and every C1 control (U+0080..U+009F, which some
 * terminals obey) with '?', one per byte; other UTF-8 text is kept. */
void
vpTextSanitize(char *text)
{
    unsigned char *u = (unsigned char *)text;
    size_t i = 0, k, extra;

    if (!text)
        return;
    while (u[i]) {
        unsigned char c = u[i];
        bool ok;

        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                u[i] = '?';
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            extra = 1;
        else if (c >= 0xe0 && c <= 0xef)
            extra = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            extra = 3;
        else
            extra = 0;
        ok = extra > 0;
        for (k = 1; ok && k <= extra; k++)
            ok = (u[i + k] & 0xc0) == 0x80;   /* stops at the NUL */
        if (ok && ((c == 0xc2 && u[i + 1] <= 0x9f) ||
                   (c == 0xe0 && u[i + 1] < 0xa0) ||
                   (c == 0xed && u[i + 1] > 0x9f) ||
                   (c == 0xf0 && u[i + 1] < 0x90) ||
                   (c == 0xf4 && u[i + 1] > 0x8f)))
            ok = false;   /* C1 control, overlong, surrogate, > U+10FFFF */
        if (!ok) {
            /* One '?' for the lead byte; what follows is judged anew. */
            u[i++] = '?';
            if (c == 0xc2 && u[i] >= 0x80 && u[i] <= 0x9f)
                u[i++] = '?';
            continue;
        }
        i += extra + 1;
    }
}

static char *
vpErrorFormatMessage(int code, const char *detail)
{
    const vpErrorText *text = NULL;
    char *msg = NULL;
    size_t i;

    for (i = 0; i < sizeof(errorTexts) / sizeof(errorTexts[0]); i++) {
        if (errorTexts[i].code == code) {
            text = &errorTexts[i];
            break;
        }
    }
    if (!detail)
        return strdup(text ? text->bare : "unknown error");
    if (asprintf(&msg, "%s%s", text ? text->prefix : "", detail) < 0)
        msg = NULL;
    return msg;
}

static void
vpErrorFill(virErrorPtr err, int from, int code, int level, char *message)
{
    virResetError(err);
    err->code = code;
    err->domain = from;
    err->level = level;
    err->message = message;
}

void
vpErrorReportV(int from, int code, const char *fmt, va_list ap)
{
    int saved = errno;
    virErrorPtr err = vpLastErrorObject();
    char *detail = NULL;

    if (!err)
        goto cleanup;
    if (fmt && vasprintf(&detail, fmt, ap) < 0)
        detail = NULL;
    vpTextSanitize(detail);
    vpErrorFill(err, from, code, VIR_ERR_ERROR,
                vpErrorFormatMessage(code, detail));
    if (detail)
        err->str1 = detail;

 cleanup:
    errno = saved;
}

void
vpErrorReport(int from, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpErrorReportV(from, code, fmt, ap);
    va_end(ap);
}

void
vpErrorReportPlain(int from, int code, const char *fmt, ...)
{
    int saved = errno;
    virErrorPtr err = vpLastErrorObject();
    char *msg = NULL;
    va_list ap;

    if (!err)
        goto cleanup;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    vpTextSanitize(msg);
    vpErrorFill(err, from, code, VIR_ERR_ERROR,
                msg ? msg : vpErrorFormatMessage(code, NULL));

 cleanup:
    errno = saved;
}

void
vpErrorReportOOM(void)
{
    vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_MEMORY, NULL);
}

/* Prints err exactly as libvirt's default handler does, so that tools that
 * match libvirt's stderr keep working:
 * "libvirt: QEMU Driver error : <message>".  Warnings are per-item notes
 * and carry no error domain: "libvirt: warning : <message>". */
static void
vpErrorPrintDefault(const virError *err)
{
    bool warning = err->level == VIR_ERR_WARNING;
    const char *dom = warning ? "" : vpErrorDomainName(err->domain);
    const char *msg = err->message ? err->message : "unknown error";
    size_t len = strlen(msg);

    fprintf(stderr, "libvirt: %s%s%s : %s%s", dom, *dom ? " " : "",
            warning ? "warning" : "error", msg,
            len && msg[len - 1] == '\n' ? "" : "\n");
}

static void
vpErrorDeliver(virErrorPtr err)
{
    virErrorFunc func;
    void *data;

    pthread_mutex_lock(&handlerLock);
    func = handlerFunc;
    data = handlerData;
    pthread_mutex_unlock(&handlerLock);

    if (func)
        func(data, err);
    else
        vpErrorPrintDefault(err);
}

void
vpWarnV(int from, const char *fmt, va_list ap)
{
    int saved = errno;
    virError warning = { 0 };
    char *msg = NULL;

    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    vpTextSanitize(msg);
    warning.code = VIR_ERR_OK;
    warning.domain = from;
    warning.level = VIR_ERR_WARNING;
    warning.message = msg ? msg : (char *)"(out of memory)";
    vpErrorDeliver(&warning);
    free(msg);
    errno = saved;
}

void
vpWarn(int from, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpWarnV(from, fmt, ap);
    va_end(ap);
}

int
vpErrorCopy(virErrorPtr to, const virError *from)
{
    int ret = 0;

    virResetError(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->int1 = from->int1;
    to->int2 = from->int2;
#define VP_DUP(field) \
    if (from->field && !(to->field = strdup(from->field))) \
        ret = -1
    VP_DUP(message);
    VP_DUP(str1);
    VP_DUP(str2);
    VP_DUP(str3);
#undef VP_DUP
    return ret;
}

void
vpErrorSlotInit(vpErrorSlot *slot)
{
    pthread_mutex_init(&slot->lock, NULL);
    memset(&slot->err, 0, sizeof(slot->err));
}

void
vpErrorSlotDestroy(vpErrorSlot *slot)
{
    virResetError(&slot->err);
    pthread_mutex_destroy(&slot->lock);
}

int
vpErrorSlotCopy(vpErrorSlot *slot, virErrorPtr to)
{
    int ret;

    pthread_mutex_lock(&slot->lock);
    if (slot->err.code == VIR_ERR_OK) {
        virResetError(to);
        ret = 0;
    } else {
        vpErrorCopy(to, &slot->err);
        ret = to->code;
    }
    pthread_mutex_unlock(&slot->lock);
    return ret;
}

void
vpErrorSlotReset(vpErrorSlot *slot)
{
    pthread_mutex_lock(&slot->lock);
    virResetError(&slot->err);
    pthread_mutex_unlock(&slot->lock);
}

void
vpErrorDispatchTo(vpErrorSlot *slot)
{
    virErrorPtr err = vpLastErrorObject();

    if (!err)
        return;
    if (err->code == VIR_ERR_OK)
        vpErrorFill(err, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, VIR_ERR_ERROR,
                    strdup("An error occurred, but the cause is unknown"));
    if (slot) {
        pthread_mutex_lock(&slot->lock);
        vpErrorCopy(&slot->err, err);
        pthread_mutex_unlock(&slot->lock);
    }
    vpErrorDeliver(err);
}

/* ---- public API ---------------------------------------------------------- */

VP_PUBLIC virErrorPtr
virGetLastError(void)
{
    virErrorPtr err = vpLastErrorObject();

    if (!err || err->code == VIR_ERR_OK)
        return NULL;
    return err;
}

VP_PUBLIC void
virResetLastError(void)
{
    virErrorPtr err;

    pthread_once(&lastErrorOnce, vpLastErrorKeyInit);
    if (lastErrorKeyOK && (err = pthread_getspecific(lastErrorKey)))
        virResetError(err);
}

VP_PUBLIC int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = vpLastErrorObject();

    if (!to)
        return -1;
    if (!err || err->code == VIR_ERR_OK) {
        virResetError(to);
        return 0;
    }
    vpErrorCopy(to, err);
    return to->code;
}

VP_PUBLIC virErrorPtr
virSaveLastError(void)
{
    virErrorPtr copy = calloc(1, sizeof(*copy));
    virErrorPtr err = vpLastErrorObject();

    if (!copy)
        return NULL;
    if (err && err->code != VIR_ERR_OK && vpErrorCopy(copy, err) < 0) {
        virFreeError(copy);
        return NULL;
    }
    return copy;
}

VP_PUBLIC void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    free(err->message);
    free(err->str1);
    free(err->str2);
    free(err->str3);
    memset(err, 0, sizeof(*err));
}

VP_PUBLIC void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    free(err);
}

VP_PUBLIC const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = vpLastErrorObject();

    if (!err || err->code == VIR_ERR_OK)
        return "no error";
    return err->message ? err->message : "unknown error";
}

VP_PUBLIC int
virGetLastErrorCode(void)
{
    virErrorPtr err = vpLastErrorObject();

    return err ? err->code : VIR_ERR_OK;
}

VP_PUBLIC int
virGetLastErrorDomain(void)
{
    virErrorPtr err = vpLastErrorObject();

    return err ? err->domain : VIR_FROM_NONE;
}

VP_PUBLIC void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    pthread_mutex_lock(&handlerLock);
    handlerFunc = handler;
    handlerData = userData;
    pthread_mutex_unlock(&handlerLock);
}

VP_PUBLIC void
virDefaultErrorFunc(virErrorPtr err)
{
    if (err)
        vpErrorPrintDefault(err);
}
