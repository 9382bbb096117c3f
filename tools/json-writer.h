/*
 * json-writer.h: a minimal JSON writer into a vpStrBuf.  Commas between
 * members and elements are inserted automatically; keys and strings are
 * escaped, and bytes that are not valid UTF-8 become U+FFFD so that the
 * output is always valid JSON.
 */
#ifndef VIRTPLUG_TOOL_JSON_WRITER_H
#define VIRTPLUG_TOOL_JSON_WRITER_H

#include <stdbool.h>

#include "strbuf.h"

#define VP_JSON_MAX_DEPTH 16

typedef struct {
    vpStrBuf *out;                       /* not owned */
    int depth;
    bool first[VP_JSON_MAX_DEPTH + 1];   /* nothing written yet at this level */
    bool afterKey;
} vpJsonWriter;

void vpJsonInit(vpJsonWriter *w, vpStrBuf *out);
void vpJsonBeginObject(vpJsonWriter *w);
void vpJsonEndObject(vpJsonWriter *w);
void vpJsonBeginArray(vpJsonWriter *w);
void vpJsonEndArray(vpJsonWriter *w);
void vpJsonKey(vpJsonWriter *w, const char *key);
void vpJsonString(vpJsonWriter *w, const char *s);
void vpJsonInt(vpJsonWriter *w, long long v);
void vpJsonBool(vpJsonWriter *w, bool v);
void vpJsonNull(vpJsonWriter *w);
/* Writes a newline outside of any value: for one-element-per-line arrays. */
void vpJsonNewline(vpJsonWriter *w);

/* Appends s as a quoted, escaped JSON string. */
void vpJsonAppendQuoted(vpStrBuf *out, const char *s);

#endif /* VIRTPLUG_TOOL_JSON_WRITER_H */
