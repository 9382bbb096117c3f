/*
 * test-util.h: small helpers shared by the test-backend tests.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stddef.h>

/* A fresh directory under $TMPDIR (or /tmp); the caller removes it with
 * testUtilRemoveTree.  Aborts the test program on failure. */
char *testUtilTempDir(void);
void testUtilRemoveTree(const char *dir);

/* Writes `text` to dir/name and returns the malloc'd path. */
char *testUtilWriteFile(const char *dir, const char *name, const char *text);

/* Monotonic seconds. */
double testUtilNow(void);

#endif /* TEST_UTIL_H */
