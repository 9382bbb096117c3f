/*
 * host-table.h: the table of host services handed to every backend.
 * Private to the loader (host-table.c).
 */
#ifndef VP_HOST_TABLE_H
#define VP_HOST_TABLE_H

#include <virtplug/virtplug-backend.h>

extern const virtplugHost vpHostTable;

#endif /* VP_HOST_TABLE_H */
