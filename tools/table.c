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

#include "strbuf.h"

struct _vpTable {
    size_t ncols;
    size_t nrows;       /* including the header row */
    size_t alloc;
    char ***rows;       /* rows[0] is the header */
};

#define ESCAPE_LEN 4    /* strlen("\\xNN") */

static void
rowFree(char **row, size_t ncols)
{
    size_t i;

    if (!row)
        return;
    for (i = 0; i < ncols; i++)
        free(row[i]);
    free(row);
}

void
vpTableFree(vpTable *table)
{
    size_t i;

    if (!table)
        return;
    for (i = 0; i < table->nrows; i++)
        rowFree(table->rows[i], table->ncols);
    free(table->rows);
    free(table);
}

int
vpTableAppend(vpTable *table, const char *const *cells)
{
    char **row;
    size_t i;

    if (table->nrows == table->alloc) {
        size_t n = table->alloc ? table->alloc * 2 : 16;
        char ***tmp = realloc(table->rows, n * sizeof(*tmp));
        if (!tmp)
            return -1;
        table->rows = tmp;
        table->alloc = n;
    }
    if (!(row = calloc(table->ncols, sizeof(*row))))
        return -1;
    for (i = 0; i < table->ncols; i++) {
        if (!(row[i] = strdup(cells[i] ? cells[i] : ""))) {
            rowFree(row, table->ncols);
            return -1;
        }
    }
    table->rows[table->nrows++] = row;
    return 0;
}

vpTable *
vpTableNew(size_t ncols, const char *const *header)
{
    vpTable *table;

    if (ncols == 0 || !(table = calloc(1, sizeof(*table))))
        return NULL;
    table->ncols = ncols;
    if (vpTableAppend(table, header) < 0) {
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

char *
vpTableFormat(const vpTable *table, bool header)
{
    size_t ncols = table->ncols;
    size_t *maxw = NULL;
    size_t *widths = NULL;      /* nrows x ncols */
    char **cells = NULL;        /* encoded cells, nrows x ncols */
    size_t first = header ? 0 : 1;
    size_t ncells = table->nrows * ncols;
    vpStrBuf buf = VP_STRBUF_INIT;
    char *ret = NULL;
    size_t r, c, k;

    if (!(maxw = calloc(ncols, sizeof(*maxw))) ||
        !(widths = calloc(ncells, sizeof(*widths))) ||
        !(cells = calloc(ncells, sizeof(*cells))))
        goto cleanup;

    for (r = 0; r < table->nrows; r++) {
        for (c = 0; c < ncols; c++) {
            size_t i = r * ncols + c;
            if (!(cells[i] = vpTableEncodeCell(table->rows[r][c], &widths[i])))
                goto cleanup;
            if (r >= first && widths[i] > maxw[c])
                maxw[c] = widths[i];
        }
    }

    for (r = first; r < table->nrows; r++) {
        for (c = 0; c < ncols; c++) {
            size_t i = r * ncols + c;
            vpStrBufAddChar(&buf, ' ');
            vpStrBufAdd(&buf, cells[i]);
            if (c + 1 < ncols) {
                for (k = 0; k < maxw[c] - widths[i] + 2; k++)
                    vpStrBufAddChar(&buf, ' ');
            }
        }
        vpStrBufAddChar(&buf, '\n');
        if (r == 0) {
            for (c = 0; c < ncols; c++)
                for (k = 0; k < maxw[c] + 3; k++)
                    vpStrBufAddChar(&buf, '-');
            vpStrBufAddChar(&buf, '\n');
        }
    }
    ret = vpStrBufSteal(&buf);

 cleanup:
    vpStrBufClear(&buf);
    if (cells)
        for (k = 0; k < ncells; k++)
            free(cells[k]);
    free(cells);
    free(widths);
    free(maxw);
    return ret;
}
