/*
 * badabi-backend.c: test-only modules with an unusable descriptor:
 *   badabi.so   declares ABI version 7;
 *   short.so    (BAD_SHORT) declares the right ABI but a struct_size
 *               smaller than the first version of the descriptor.
 */
#include <config.h>

#include <virtplug/virtplug-backend.h>

static const virtplugBackend badBackend = {
#ifdef BAD_SHORT
    .abi_version = VIRTPLUG_BACKEND_ABI_VERSION,
    .struct_size = 16,
#else
    .abi_version = 7,
    .struct_size = sizeof(virtplugBackend),
#endif
    .name = "badabi",
};

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *
VIRTPLUG_BACKEND_ENTRY(const virtplugHost *h);

VIRTPLUG_BACKEND_EXPORT const virtplugBackend *
VIRTPLUG_BACKEND_ENTRY(const virtplugHost *h)
{
    (void)h;
    return &badBackend;
}
