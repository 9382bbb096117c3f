/*
 * loader-test-util.h: helpers for the loader's tests: a private backend
 * directory holding copies of chosen test modules, and error capture.
 */
#ifndef LOADER_TEST_UTIL_H
#define LOADER_TEST_UTIL_H

#include <stdbool.h>

#include <virtplug/virtplug.h>

/* Creates a fresh directory (mktemp -d style), copies each named module
 * ("fake" -> fake.so) from the build tree's tests/loader/.libs into it,
 * adds a plain-text x.so when garbage is set, and points
 * VIRTPLUG_BACKEND_DIR at it.  Must run before the first library call.
 * Returns the malloc'd path; exits 77 when the build tree is unknown. */
char *ltSetupBackendDir(const char *const *modules, bool garbage);
/* Removes the directory's files and the directory; frees dir. */
void ltRemoveBackendDir(char *dir);

/* Installs an error handler that counts calls (and keeps stderr quiet). */
void ltCaptureErrors(void);
int ltErrorCalls(void);
int ltWarningCalls(void);
const char *ltLastWarning(void);

#endif /* LOADER_TEST_UTIL_H */
