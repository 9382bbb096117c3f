/*
 * fuzz-tmpdir.h: a private directory for harnesses whose parser reads files
 * (made once per process, removed at exit).
 */
#ifndef FUZZ_TMPDIR_H
#define FUZZ_TMPDIR_H

#include <stddef.h>

/* The directory (absolute), creating it on first use; aborts on failure. */
const char *fuzzTmpDir(void);

/* Writes buf to DIR/rel (its parent must exist); aborts on failure. */
void fuzzTmpWrite(const char *rel, const void *buf, size_t len);

/* Creates DIR/rel as a directory; aborts on failure. */
void fuzzTmpMkdir(const char *rel);

#endif /* FUZZ_TMPDIR_H */
