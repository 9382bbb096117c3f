/*
 * fuzz-host.h: the core's side of the backend contract, reduced to what
 * the parsers call.  Messages are formatted (a bad format or argument shows
 * under the sanitizers) and dropped; records are not kept.
 */
#ifndef FUZZ_HOST_H
#define FUZZ_HOST_H

#include <virtplug/virtplug-backend.h>

extern const virtplugHost fuzzHost;

/* Warnings and errors reported since the last fuzzHostReset(). */
unsigned long fuzzHostMessages(void);
void fuzzHostReset(void);

#endif /* FUZZ_HOST_H */
