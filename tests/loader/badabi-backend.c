/*
 * badabi-backend.c: a test-only module that declares ABI version 7.
 */
#include <config.h>

#include "virtplug-backend.h"

static const virtplugBackend badBackend = {
    .abi_version = 7,
    .struct_size = sizeof(virtplugBackend),
    .name = "badabi",
};

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *
virtplug_backend_entry(const virtplugHost *h);

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *
virtplug_backend_entry(const virtplugHost *h)
{
    (void)h;
    return &badBackend;
}
