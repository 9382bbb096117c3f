/*
 * list-json.h: the JSON output of `list --json`.
 */
#ifndef VIRTPLUG_TOOL_LIST_JSON_H
#define VIRTPLUG_TOOL_LIST_JSON_H

#include <stdbool.h>

#include <virtplug/virtplug.h>

/* Prints a JSON array of the n domains, in that order, one object per
 * line, on stdout.  Returns false (message printed) on failure. */
bool vpListPrintJson(virDomainPtr *doms, int n);

#endif /* VIRTPLUG_TOOL_LIST_JSON_H */
