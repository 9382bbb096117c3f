/*
 * node-info.h: this machine's CPUs and memory.
 * Private to the loader (node-info.c).
 */
#ifndef VP_NODE_INFO_H
#define VP_NODE_INFO_H

#include <virtplug/virtplug.h>

/* This machine's CPUs and memory, as libvirt's host code counts them.
 * Returns 0, or -1 with an error. */
int vpNodeInfoLocalHost(virNodeInfoPtr info);

#endif /* VP_NODE_INFO_H */
