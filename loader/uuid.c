/*
 * uuid.c: hex digits and UUID text (see vp-uuid.h).
 */
#include <config.h>

#include <stddef.h>
#include <stdio.h>

#include "vp-uuid.h"

int
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
