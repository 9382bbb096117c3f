/*
 * abi1-backend.c: a module as the first backend ABI built them (entry
 * "virtplug_backend_entry", callbacks without context).  The loader must
 * refuse it by the entry's name, naming both ABI versions, without calling
 * it (a call would be refused with another text, which the test tells
 * apart).
 *
 * The version-1 descriptor is spelled out here because the current header
 * no longer describes it.  The install check builds this file outside the
 * tree, against the installed header (-DVIRTPLUG_NO_CONFIG_H).
 */
#ifndef VIRTPLUG_NO_CONFIG_H
# include <config.h>
#endif

#include <virtplug/virtplug-backend.h>

struct abi1Backend {
    unsigned int abi_version;
    unsigned int struct_size;
    const char *name;
};

static const struct abi1Backend abi1Descriptor = {
    .abi_version = 1,
    .struct_size = sizeof(struct abi1Backend),
    .name = "abi1",
};

VIRTPLUG_BACKEND_EXPORT const void *virtplug_backend_entry(const void *h);

VIRTPLUG_BACKEND_EXPORT const void *
virtplug_backend_entry(const void *h)
{
    (void)h;
    return &abi1Descriptor;
}
