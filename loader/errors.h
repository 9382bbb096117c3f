/*
 * errors.h: libvirt-style error reporting: the calling thread's last error,
 * the error handler, and the argument checks of public entry points.
 * Private to the loader (errors.c).
 */
#ifndef VP_ERRORS_H
#define VP_ERRORS_H

#include <pthread.h>
#include <stdarg.h>

#include <virtplug/virtplug.h>
#include "vp-export.h"

/* Sets the calling thread's last error: `detail` goes after libvirt's text
 * for `code`.  detail may be NULL. */
void vpErrorReport(int from, int code, const char *fmt, ...)
    VP_ATTR_PRINTF(3, 4);
void vpErrorReportV(int from, int code, const char *fmt, va_list ap)
    VP_ATTR_PRINTF(3, 0);
/* Sets an error whose message is the formatted text alone, the way
 * libvirt's argument checks (virReportInvalidArg, virCheckFlags) do. */
void vpErrorReportPlain(int from, int code, const char *fmt, ...)
    VP_ATTR_PRINTF(3, 4);
void vpErrorReportOOM(void);
/* Delivers a warning to the handler; the last error is left alone. */
void vpWarnV(int from, const char *fmt, va_list ap) VP_ATTR_PRINTF(2, 0);
void vpWarn(int from, const char *fmt, ...) VP_ATTR_PRINTF(2, 3);
/* Makes text safe to print (see errors.c); every error and warning message
 * passes through it. */
void vpTextSanitize(char *text);
/* The last error of one object (a connection): libvirt copies every error
 * dispatched on a connection into it.  The lock guards err. */
typedef struct {
    pthread_mutex_t lock;
    virError err;
} vpErrorSlot;

void vpErrorSlotInit(vpErrorSlot *slot);
void vpErrorSlotDestroy(vpErrorSlot *slot);
/* Copies the slot's error into to and returns its code; resets to and
 * returns 0 when the slot holds none. */
int vpErrorSlotCopy(vpErrorSlot *slot, virErrorPtr to);
void vpErrorSlotReset(vpErrorSlot *slot);
/* The end of a failed public call: makes sure an error is set, copies it
 * into slot (may be NULL) and hands it to the error handler.  Connections
 * call it through vpErrorDispatch (connect.h). */
void vpErrorDispatchTo(vpErrorSlot *slot);
/* Deep copy between error objects; returns 0 or -1 on OOM. */
int vpErrorCopy(virErrorPtr to, const virError *from);

/* Public-entry argument checks, shaped like libvirt's (whose public API
 * files report as VIR_FROM_DOMAIN): INVALID_ARG with
 * the bare text ("ids in virConnectListDomains must not be NULL"). */
#define vpReportInvalidArg(...) \
    vpErrorReportPlain(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __VA_ARGS__)
/* The unknown bits only, as libvirt's virCheckFlags does. */
#define vpCheckFlags(flags, allowed, func) \
    ((flags) & ~(unsigned int)(allowed) ? \
     (vpErrorReportPlain(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, \
                    "unsupported flags (0x%x) in function %s", \
                    (unsigned int)((flags) & ~(unsigned int)(allowed)), \
                    func), -1) : 0)

#endif /* VP_ERRORS_H */
