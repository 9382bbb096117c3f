/*
 * backend-package.h: which distribution package provides a backend.
 * Private to the loader (backend-package.c).
 */
#ifndef VP_BACKEND_PACKAGE_H
#define VP_BACKEND_PACKAGE_H

/* The package that provides BACKEND, from TEMPLATE ("%s" = the backend), or
 * NULL when there is no template or BACKEND is not one this source tree
 * builds.  The caller frees the result. */
char *vpBackendPackageFormat(const char *template, const char *backend);
/* The same with the configure-time template (--with-backend-package). */
char *vpBackendPackage(const char *backend);

#endif /* VP_BACKEND_PACKAGE_H */
