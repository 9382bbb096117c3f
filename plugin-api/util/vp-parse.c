/*
 * vp-parse.c: numbers and UUIDs in text (see vp-parse.h).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-parse.h>

/* C-locale white space, as GLib's g_ascii_isspace that libvirt uses. */
static bool
vpIsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

int
vpHexDigitValue(char c)
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
vpParseUUID(const char *str, unsigned char uuid[VIR_UUID_BUFLEN])
{
    const char *cur = str;
    size_t i = 0;

    if (!str)
        return -1;
    while (vpIsSpace(*cur))
        cur++;
    while (i < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*cur == '-' || *cur == ' ') {
            cur++;
            continue;
        }
        if ((hi = vpHexDigitValue(cur[0])) < 0 ||
            (lo = vpHexDigitValue(cur[1])) < 0)
            return -1;
        uuid[i++] = (unsigned char)(hi * 16 + lo);
        cur += 2;
    }
    while (vpIsSpace(*cur))
        cur++;
    return *cur ? -1 : 0;
}

int
vpParseLongLong(const char *str, long long min, long long max,
                long long *out)
{
    char *end;
    long long val;

    if (!str)
        return -1;
    errno = 0;
    val = strtoll(str, &end, 10);
    if (errno || end == str || *end || val < min || val > max)
        return -1;
    *out = val;
    return 0;
}

int
vpParseULongLong(const char *str, unsigned long long max,
                 unsigned long long *out)
{
    char *end;
    unsigned long long val;

    if (!str || strchr(str, '-'))
        return -1;
    errno = 0;
    val = strtoull(str, &end, 10);
    if (errno || end == str || *end || val > max)
        return -1;
    *out = val;
    return 0;
}
