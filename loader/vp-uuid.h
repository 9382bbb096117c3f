/*
 * vp-uuid.h: UUID text for the core and for test doubles.  Parsing is the
 * SDK's (vp-parse.c, compiled into the core too), so that the core, the
 * backends and tests/common/fake-host.c read UUIDs with one grammar.
 */
#ifndef VP_UUID_H
#define VP_UUID_H

#include <virtplug/virtplug.h>
#include <virtplug/vp-parse.h>

void vpUUIDFormat(const unsigned char uuid[VIR_UUID_BUFLEN],
                  char out[VIR_UUID_STRING_BUFLEN]);

#endif /* VP_UUID_H */
