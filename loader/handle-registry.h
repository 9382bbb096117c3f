/*
 * handle-registry.h: the live connection and domain pointers.
 * Private to the loader (handle-registry.c).
 */
#ifndef VP_HANDLE_REGISTRY_H
#define VP_HANDLE_REGISTRY_H

#include <stdbool.h>

/* The set of live connection and domain pointers.  A pointer not in it
 * (NULL, freed, or bogus) is refused without being dereferenced. */
typedef enum { VP_HANDLE_CONN = 1, VP_HANDLE_DOMAIN = 2 } vpHandleKind;

void vpRegistryLock(void);
void vpRegistryUnlock(void);
/* With the registry locked. */
bool vpRegistryHas(const void *ptr, vpHandleKind kind);
int vpRegistryAdd(const void *ptr, vpHandleKind kind);
void vpRegistryRemove(const void *ptr);

#endif /* VP_HANDLE_REGISTRY_H */
