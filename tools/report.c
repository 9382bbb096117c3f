/*
 * report.c: error messages in virsh's shape ("error: ..." on stderr).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>

#include "tool.h"

void
vpError(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void
vpReportLastError(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return;
    vpError("%s", err->message ? err->message : "unknown error");
    virResetLastError();
}
