/*
 * fuzz.h: what every harness in tests/fuzz/ provides.
 *
 * A harness is one libFuzzer entry point over one parser of untrusted
 * bytes, plus where its seeds come from.  The same harness source is built
 * twice: with libFuzzer's main for `make fuzz` (--enable-fuzz, clang), and
 * with fuzz-replay.c's main in every build, where `make check` runs it over
 * its seeds and the committed regression inputs (tests/fuzz/regress/NAME/),
 * so a harness always compiles and past findings stay fixed under gcc,
 * ASan and valgrind too.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Source-tree directories (relative to the top) searched recursively for
 * seed files whose name ends in `suffix` ("" for any file); the list ends
 * with a NULL dir. */
typedef struct {
    const char *dir;
    const char *suffix;
} fuzzSeedDir;

extern const fuzzSeedDir fuzzSeedDirs[];

/* How a harness turns a fixture file into a seed (e.g. prefixing the bytes
 * its input format wants); NULL: the file as it is. */
typedef void (*fuzzEmitFunc)(void *ctx, const char *label,
                             const void *buf, size_t len);
extern void (*const fuzzSeedFromFile)(fuzzEmitFunc emit, void *ctx,
                                      const char *label,
                                      const void *buf, size_t len);

/* Seeds made in code (binary formats, wrapped inputs); may emit nothing. */
void fuzzBuiltinSeeds(fuzzEmitFunc emit, void *ctx);

#endif /* FUZZ_H */
