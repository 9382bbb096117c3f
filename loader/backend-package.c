/*
 * backend-package.c: which distribution package provides a backend.
 *
 * A packaged install ships each backend separately, so "the xen backend
 * is not installed" is only half an answer; the other half is what to
 * install.  The packager sets the template at configure time
 * (--with-backend-package); an unpackaged build names no package.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "backend-package.h"

/* Only names of backends this source tree builds get a package: for any
 * other scheme there is nothing to install. */
static bool
vpIsSourceBackend(const char *name)
{
    const char *list = VIRTPLUG_SOURCE_BACKENDS;
    size_t len = strlen(name);
    const char *hit;

    if (len == 0 || strchr(name, ' '))
        return false;
    for (hit = strstr(list, name); hit; hit = strstr(hit + 1, name)) {
        if (hit[-1] == ' ' && hit[len] == ' ')
            return true;
    }
    return false;
}

char *
vpBackendPackageFormat(const char *template, const char *backend)
{
    const char *mark;
    size_t head, tail, blen;
    char *out;

    if (!template || !*template || !backend || !vpIsSourceBackend(backend))
        return NULL;
    if (!(mark = strstr(template, "%s")))
        return NULL;
    head = (size_t)(mark - template);
    tail = strlen(mark + 2);
    blen = strlen(backend);
    if (!(out = malloc(head + blen + tail + 1)))
        return NULL;
    memcpy(out, template, head);
    memcpy(out + head, backend, blen);
    memcpy(out + head + blen, mark + 2, tail + 1);
    return out;
}

char *
vpBackendPackage(const char *backend)
{
    return vpBackendPackageFormat(VIRTPLUG_BACKEND_PACKAGE, backend);
}
