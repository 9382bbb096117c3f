/*
 * vp-uuid.h: hex digits and UUID text, for the core and for test doubles.
 *
 * Depends only on the public header so that tests/common/fake-host.c can
 * compile loader/uuid.c and parse UUIDs exactly as the core does.
 */
#ifndef VP_UUID_H
#define VP_UUID_H

#include <virtplug/virtplug.h>

/* The value of one hex digit, or -1 when c is not one. */
int vpHexValue(char c);

/* libvirt's forms: 32 hex digits, dashes anywhere between byte pairs,
 * surrounding blanks.  Returns 0 or -1. */
int vpUUIDParse(const char *str, unsigned char uuid[VIR_UUID_BUFLEN]);
void vpUUIDFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
                  char out[VIR_UUID_STRING_BUFLEN]);

#endif /* VP_UUID_H */
