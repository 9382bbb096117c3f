/*
 * prom-writer.h: the Prometheus text exposition format, version 0.0.4,
 * written into a vpStrBuf.  Shared by `virtplug metrics` and
 * virtplug-exporter.
 *
 * Text that comes from a host (domain names, URIs) may hold any bytes; the
 * writer escapes what the format requires (backslash, double quote and
 * newline in label values; backslash and newline in HELP text) and
 * replaces every byte sequence that is not valid UTF-8 with U+FFFD, so the
 * output is always valid UTF-8 and always parses.
 */
#ifndef VIRTPLUG_TOOL_PROM_WRITER_H
#define VIRTPLUG_TOOL_PROM_WRITER_H

#include <stddef.h>

#include "strbuf.h"

#define VP_PROM_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

typedef struct {
    vpStrBuf *out;
    unsigned int nlabels;   /* labels written in the current sample */
} vpPromWriter;

void vpPromInit(vpPromWriter *w, vpStrBuf *out);

/* "# HELP name help" and "# TYPE name type"; once per metric name, before
 * its samples, which must follow together. */
void vpPromFamily(vpPromWriter *w, const char *name, const char *type,
                  const char *help);

/* A sample: Begin, any number of Label, then End with its value. */
void vpPromSampleBegin(vpPromWriter *w, const char *name);
void vpPromLabel(vpPromWriter *w, const char *key, const char *value);
void vpPromSampleEnd(vpPromWriter *w, double value);
/* Labels already written (and escaped) by vpPromLabel into another
 * buffer, without the leading '{': lets many samples share the escaping
 * work of one label set. */
void vpPromLabelsRaw(vpPromWriter *w, const char *labels);

/* Appends s with every invalid UTF-8 sequence replaced by U+FFFD and
 * every ASCII byte found in specials passed through escape instead;
 * shared with the HTML page, which needs the same replacement. */
void vpAddValidUTF8(vpStrBuf *out, const char *s, const char *specials,
                    void (*escape)(vpStrBuf *out, char c));

#endif /* VIRTPLUG_TOOL_PROM_WRITER_H */
