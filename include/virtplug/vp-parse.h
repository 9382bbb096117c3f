/*
 * vp-parse.h: numbers and UUIDs in text, with libvirt's grammar.
 *
 * A backend reads the same values libvirt wrote (or would accept), so it
 * must accept exactly what libvirt accepts: a value libvirt loads but a
 * backend refuses is a lost domain; the reverse is a domain libvirt never
 * lists.
 */
#ifndef VP_PARSE_H
#define VP_PARSE_H

#include <virtplug/virtplug-backend.h>

/* The value of a hexadecimal digit, or -1. */
int vpHexDigitValue(char c);

/* A UUID as libvirt's virUUIDParse reads it: white space around it, 32 hex
 * digits in pairs, '-' or ' ' anywhere between the pairs.  Returns 0, or -1
 * (uuid is then unspecified). */
int vpParseUUID(const char *str, unsigned char uuid[VIR_UUID_BUFLEN]);

/* A decimal integer in [min, max] as libvirt's virStrToLong_ll reads a
 * whole string: leading white space and a sign allowed, nothing after the
 * digits.  Returns 0, or -1 (out untouched) for NULL, empty, malformed or
 * out-of-range text. */
int vpParseLongLong(const char *str, long long min, long long max,
                    long long *out);

/* A decimal integer in [0, max] as libvirt's virStrToLong_ullp reads a
 * whole string: as vpParseLongLong, but a '-' anywhere is refused rather
 * than wrapped around.  Returns 0, or -1 (out untouched). */
int vpParseULongLong(const char *str, unsigned long long max,
                     unsigned long long *out);

#endif /* VP_PARSE_H */
