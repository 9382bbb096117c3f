/*
 * uuid.c: UUID text (see vp-uuid.h).
 */
#include <config.h>

#include <stdio.h>

#include "vp-uuid.h"

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
