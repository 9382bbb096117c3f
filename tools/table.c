/*
 * table.c: display-width aware table layout.
 *
 * Byte-for-byte compatibility with virsh is the point of this file, so the
 * quirks are reproduced on purpose:
 *  - every cell prints as " " + text; every column but the last is padded
 *    to its widest cell plus two spaces (so rows may end in spaces);
 *  - the separator line has (width + 3) dashes per column;
 *  - a byte that needs escaping is printed with "\\x%02x" of the (plain,
 *    possibly signed) char and cut to four characters, so on platforms with
 *    signed char every byte >= 0x80 that needs escaping prints as "\xff".
 */
#include <config.h>

#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>


/* A row is one allocation: the display widths of its cells, then the
 * encoded cells (as printed) one after another, each NUL-terminated.  Cells
 * are encoded when appended, so printing needs no second copy; at 100,000
 * domains these rows are most of what `list` holds. */
typedef struct {
    size_t width[1];    /* ncols of them, then the text */
} vpTableRow;

struct _vpTable {
    size_t ncols;
    size_t nrows;       /* including the header row */
    size_t alloc;
    vpTableRow **rows;  /* rows[0] is the header */
    size_t *maxw;       /* widest cell of each column, data rows only */
};

#define ESCAPE_LEN 4    /* strlen("\\xNN") */

static const char *
rowText(const vpTable *table, const vpTableRow *row)
{
    return (const char *)row + table->ncols * sizeof(size_t);
}

void
vpTableFree(vpTable *table)
{
    size_t i;

    if (!table)
        return;
    for (i = 0; i < table->nrows; i++)
        free(table->rows[i]);
    free(table->rows);
    free(table->maxw);
    free(table);
}

int
vpTableAppend(vpTable *table, const char *const *cells)
{
    size_t ncols = table->ncols;
    char *enc[16];
    size_t widths[16];
    size_t i, textlen = 0;
    vpTableRow *row = NULL;
    char *p;
    int ret = -1;

    if (ncols > sizeof(enc) / sizeof(enc[0]))
        return -1;
    memset(enc, 0, sizeof(enc));
    if (table->nrows == table->alloc) {
        size_t n = table->alloc ? table->alloc * 2 : 16;
        vpTableRow **tmp = realloc(table->rows, n * sizeof(*tmp));
        if (!tmp)
            return -1;
        table->rows = tmp;
        table->alloc = n;
    }
    for (i = 0; i < ncols; i++) {
        if (!(enc[i] = vpTableEncodeCell(cells[i] ? cells[i] : "",
                                         &widths[i])))
            goto cleanup;
        textlen += strlen(enc[i]) + 1;
    }
    if (!(row = malloc(ncols * sizeof(size_t) + textlen)))
        goto cleanup;
    p = (char *)row + ncols * sizeof(size_t);
    for (i = 0; i < ncols; i++) {
        size_t n = strlen(enc[i]) + 1;

        row->width[i] = widths[i];
        memcpy(p, enc[i], n);
        p += n;
        if (table->nrows > 0 && widths[i] > table->maxw[i])
            table->maxw[i] = widths[i];
    }
    table->rows[table->nrows++] = row;
    ret = 0;

 cleanup:
    for (i = 0; i < ncols; i++)
        free(enc[i]);
    return ret;
}

vpTable *
vpTableNew(size_t ncols, const char *const *header)
{
    vpTable *table;

    if (ncols == 0 || !(table = calloc(1, sizeof(*table))))
        return NULL;
    table->ncols = ncols;
    if (!(table->maxw = calloc(ncols, sizeof(*table->maxw))) ||
        vpTableAppend(table, header) < 0) {
        vpTableFree(table);
        return NULL;
    }
    return table;
}

static void
escapeByte(char **out, char c)
{
    char tmp[16];

    /* printed from the plain char, then cut to "\xNN" length: see top */
    snprintf(tmp, sizeof(tmp), "\\x%02x", (int) c);
    memcpy(*out, tmp, ESCAPE_LEN);
    *out += ESCAPE_LEN;
}

static int
isAsciiCntrl(char c)
{
    return (c >= 0 && c < 0x20) || c == 0x7f;
}

static int
isAsciiPrint(char c)
{
    return c >= 0x20 && c < 0x7f;
}

char *
vpTableEncodeCell(const char *text, size_t *width)
{
    size_t len = text ? strlen(text) : 0;
    const char *p = text;
    mbstate_t st;
    char *buf;
    char *out;

    *width = 0;
    if (len > (((size_t) -1) - 1) / ESCAPE_LEN)
        return NULL;
    if (!(buf = malloc(len * ESCAPE_LEN + 1)))
        return NULL;
    out = buf;
    memset(&st, 0, sizeof(st));

    while (p && *p) {
        wchar_t wc;
        size_t n;

        if ((p[0] == '\\' && p[1] == 'x') || isAsciiCntrl(*p)) {
            escapeByte(&out, *p);
            *width += ESCAPE_LEN;
            p++;
            continue;
        }

        n = mbrtowc(&wc, p, MB_CUR_MAX, &st);
        if (n == 0)
            break;
        if (n == (size_t) -1 || n == (size_t) -2) {
            /* not a character in this locale: one byte at a time */
            n = 1;
            if (isAsciiPrint(*p)) {
                *out++ = *p;
                (*width)++;
            } else {
                escapeByte(&out, *p);
                *width += ESCAPE_LEN;
            }
        } else if (!iswprint(wc)) {
            size_t i;
            for (i = 0; i < n; i++) {
                escapeByte(&out, p[i]);
                *width += ESCAPE_LEN;
            }
        } else {
            int w = wcwidth(wc);
            memcpy(out, p, n);
            out += n;
            if (w > 0)
                *width += w;
        }
        p += n;
    }
    *out = '\0';
    return buf;
}

static void
putSpaces(FILE *out, size_t n)
{
    while (n--)
        putc(' ', out);
}

int
vpTableWrite(const vpTable *table, bool header, FILE *out)
{
    size_t ncols = table->ncols;
    size_t maxw[16];
    size_t r, c;

    if (ncols > sizeof(maxw) / sizeof(maxw[0]))
        return -1;
    for (c = 0; c < ncols; c++) {
        maxw[c] = table->maxw[c];
        if (header && table->rows[0]->width[c] > maxw[c])
            maxw[c] = table->rows[0]->width[c];
    }
    for (r = header ? 0 : 1; r < table->nrows; r++) {
        const vpTableRow *row = table->rows[r];
        const char *text = rowText(table, row);

        for (c = 0; c < ncols; c++) {
            putc(' ', out);
            fputs(text, out);
            if (c + 1 < ncols)
                putSpaces(out, maxw[c] - row->width[c] + 2);
            text += strlen(text) + 1;
        }
        putc('\n', out);
        if (r == 0) {
            for (c = 0; c < ncols; c++) {
                size_t k;

                for (k = 0; k < maxw[c] + 3; k++)
                    putc('-', out);
            }
            putc('\n', out);
        }
    }
    return ferror(out) ? -1 : 0;
}

char *
vpTableFormat(const vpTable *table, bool header)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int rc;

    if (!out)
        return NULL;
    rc = vpTableWrite(table, header, out);
    if (fclose(out) != 0 || rc < 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

void
vpPrintName(FILE *out, const char *name)
{
    const unsigned char *u = (const unsigned char *)name;
    size_t i;

    for (i = 0; u && u[i]; i++) {
        bool xml_impossible = u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
                              u[i] != '\r';

        if (xml_impossible)
            fprintf(out, "\\x%02x", u[i]);
        else
            putc(u[i], out);
    }
}
