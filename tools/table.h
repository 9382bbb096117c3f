/*
 * table.h: the column table of `virtplug list`, laid out the way virsh's
 * table helper lays it out (display widths, escaped control characters).
 */
#ifndef VIRTPLUG_TOOL_TABLE_H
#define VIRTPLUG_TOOL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct _vpTable vpTable;

/* A table with ncols columns named by header[0..ncols-1] (copied).
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

/* The text of one cell as printed: ASCII control characters and "\x"
 * become \xNN, characters that the locale cannot print are escaped byte by
 * byte, as virsh does.  *width receives the display width (wcwidth) of the
 * result.  The result is the caller's (free()); NULL on OOM. */
char *vpTableEncodeCell(const char *text, size_t *width);

#endif /* VIRTPLUG_TOOL_TABLE_H */
