/*
 * qmp-identity.c: stand-ins derived from a socket path.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include <virtplug/vp-index.h>
#include "qmp-identity.h"

void
qmpNameFromSocket(const char *filename, char *out, size_t outlen)
{
    const char *dot = strrchr(filename, '.');
    size_t len = dot && dot != filename ? (size_t)(dot - filename)
                                        : strlen(filename);

    if (outlen == 0)
        return;
    if (len >= outlen)
        len = outlen - 1;
    memcpy(out, filename, len);
    out[len] = '\0';
}

void
qmpUUIDFromSocket(const char *path, unsigned char uuid[VIR_UUID_BUFLEN])
{
    /* Two offset bases: 128 bits that change with every byte of the path. */
    uint64_t hi = vpHashBytes(path, strlen(path), VP_HASH_SEED);
    uint64_t lo = vpHashBytes(path, strlen(path), UINT64_C(0x6c62272e07bb0142));
    int i;

    for (i = 0; i < 8; i++) {
        uuid[i] = (unsigned char)(hi >> (56 - 8 * i));
        uuid[8 + i] = (unsigned char)(lo >> (56 - 8 * i));
    }
    uuid[6] = (unsigned char)((uuid[6] & 0x0f) | 0x80);  /* version 8 */
    uuid[8] = (unsigned char)((uuid[8] & 0x3f) | 0x80);  /* RFC variant */
}

int
qmpIdFromSocket(const char *path)
{
    uint64_t hash = vpHashBytes(path, strlen(path), VP_HASH_SEED);

    return (int)(0x40000000u | (uint32_t)((hash ^ (hash >> 32)) & 0x3fffffffu));
}
