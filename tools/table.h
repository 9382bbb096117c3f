/*
 * table.h: the column table of `virtplug list`, laid out the way virsh's
 * table helper lays it out (display widths, escaped control characters).
 */
#ifndef VIRTPLUG_TOOL_TABLE_H
#define VIRTPLUG_TOOL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct _vpTable vpTable;

/* A table with ncols (at most 16) columns named by header[0..ncols-1] (copied).
 * NULL when out of memory.  Release with vpTableFree. */
vpTable *vpTableNew(size_t ncols, const char *const *header);
void vpTableFree(vpTable *table);

/* Appends a row of ncols cells (copied); NULL cells print as "".
 * Returns 0, or -1 when out of memory. */
int vpTableAppend(vpTable *table, const char *const *cells);

/* The whole table as one string (the caller's, free()): with header, the
 * header row and a line of dashes come first and count for the column
 * widths; without, only the data rows are laid out.  NULL on OOM. */
char *vpTableFormat(const vpTable *table, bool header);

/* The same, written to `out` as it is laid out (no copy of the whole
 * table).  Returns 0, or -1 when writing failed. */
int vpTableWrite(const vpTable *table, bool header, FILE *out);

/* The text of one cell as printed: ASCII control characters and "\x"
 * become \xNN, characters that the locale cannot print are escaped byte by
 * byte, as virsh does.  *width receives the display width (wcwidth) of the
 * result.  The result is the caller's (free()); NULL on OOM. */
char *vpTableEncodeCell(const char *text, size_t *width);

/* Prints a domain name on its own, as `list --name` and `domname` do:
 * raw, as virsh prints it, except the C0 control characters other than tab,
 * newline and carriage return.  libvirt's XML can never hold those, but
 * libxl's JSON can (ESC, say), so they are written as "\xNN" (the table's
 * spelling) and a name cannot drive the terminal.  DEL and C1 controls can
 * be in libvirt's XML and print raw, byte for byte as in virsh. */
void vpPrintName(FILE *out, const char *name);

#endif /* VIRTPLUG_TOOL_TABLE_H */
