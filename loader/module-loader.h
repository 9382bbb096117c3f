/*
 * module-loader.h: the backend directory, scanned once per process.
 * Private to the loader (module-loader.c).
 */
#ifndef VP_MODULE_LOADER_H
#define VP_MODULE_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug-backend.h>

/* One file of the backend directory, loaded or skipped. */
typedef struct {
    char *path;
    char *name;                /* NULL when skipped before the descriptor */
    unsigned int abi;          /* declared ABI, 0 if unknown */
    char *error;               /* why it was skipped; NULL when loaded */
    bool loaded;
    virtplugBackend desc;      /* zero-extended copy of the module's own */
} vpModule;

/* Scans the backend directory once per process; returns the modules in
 * file-name order.  The array lives until the process exits. */
const vpModule *vpModulesGet(size_t *count);
/* The module file named SCHEME.so in the backend directory, loaded on its
 * own (with the full scan's checks) when its backend is named SCHEME and
 * serves that scheme; NULL otherwise, and then the full scan decides.  Lets
 * a connection load only the module that serves it. */
const vpModule *vpModuleForScheme(const char *scheme);
const char *vpModuleDir(void);

#endif /* VP_MODULE_LOADER_H */
