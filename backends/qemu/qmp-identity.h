/*
 * qmp-identity.h: names, UUIDs and ids for monitors that could not tell.
 *
 * The sink keeps one domain per name and per UUID, so whatever stands in
 * for a missing answer must be stable across calls and distinct between
 * sockets: it is derived from the socket's path.
 */
#ifndef QMP_IDENTITY_H
#define QMP_IDENTITY_H

#include <stddef.h>

#include <virtplug/virtplug-backend.h>

/* The socket's file name without its last extension ("vm1.qmp" -> "vm1");
 * the whole file name when that would leave nothing.  Writes at most
 * outlen bytes including the NUL. */
void qmpNameFromSocket(const char *filename, char *out, size_t outlen);

/* A UUID computed from the socket path: a 128-bit FNV-1a hash of the path
 * marked as an RFC 9562 version 8 ("custom") UUID, so it can never equal
 * the UUID of a QEMU started with -uuid of another version. */
void qmpUUIDFromSocket(const char *path, unsigned char uuid[VIR_UUID_BUFLEN]);

/* An id for an active domain whose QEMU pid is unknown (SO_PEERCRED gave
 * none, for instance across pid namespaces, or the connection was never
 * made): a value derived from the socket path in [0x40000000, 0x7fffffff],
 * above Linux's highest possible pid (4194304), so that it is positive as
 * an active domain's id must be, stable, and never a real pid. */
int qmpIdFromSocket(const char *path);

#endif /* QMP_IDENTITY_H */
