/*
 * textfile.h: replacing a file atomically, as node_exporter's textfile
 * collector needs: a reader sees the old content or the new, never a part.
 */
#ifndef VIRTPLUG_TOOL_TEXTFILE_H
#define VIRTPLUG_TOOL_TEXTFILE_H

#include <stddef.h>

/* Writes len bytes to a new temporary file in path's directory (so the
 * rename stays on one filesystem), fsyncs it, gives it mode 0644 and
 * renames it over path, then fsyncs the directory.  Returns 0, or -1 with
 * errno set and nothing left behind. */
int vpTextfileWrite(const char *path, const char *data, size_t len);

#endif /* VIRTPLUG_TOOL_TEXTFILE_H */
