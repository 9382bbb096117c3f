/*
 * virtplug-backends.h: virtplug's own extension to the client API: which
 * backend modules are installed, and why a module was skipped.
 *
 * Not part of libvirt's API; a libvirt client never needs it.
 */
#ifndef VIRTPLUG_BACKENDS_H
#define VIRTPLUG_BACKENDS_H

#include <virtplug/virtplug.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One module file of the backend directory. */
typedef struct {
    char *path;          /* module file */
    char *name;          /* backend name, NULL if not loaded */
    unsigned int abi;    /* ABI version the module declared, 0 if unknown */
    char **schemes;      /* NULL-terminated, NULL if not loaded */
    unsigned int groups; /* filter group bits, in virtplug-backend.h's order:
                          * active, persistent, state, managedsave,
                          * autostart, snapshot, checkpoint */
    char *error;         /* why it was skipped, NULL if loaded */
} virtplugBackendInfo;

/* Returns the number of modules found in the backend directory (loaded or
 * skipped) and sets *info to a malloc'd array the caller releases with
 * virtplugFreeBackends(info, n); -1 on error (last error set). */
int virtplugGetBackends(virtplugBackendInfo **info);
void virtplugFreeBackends(virtplugBackendInfo *info, int n);

/* The directory modules are loaded from (static string). */
const char *virtplugGetBackendDir(void);

/* "active", "persistent", "state", "managed save", "autostart", "snapshot",
 * "checkpoint" for one group bit, else NULL. */
const char *virtplugGroupName(unsigned int group);

/* The default URI (probe_uri) of every loaded backend whose probe finds its
 * hypervisor on this host, in the order virConnectOpen(NULL) tries them.
 * Returns their number and sets *uris to a malloc'd NULL-terminated array:
 * free() each element, then the array.  -1 on error (last error set). */
int virtplugProbeURIs(char ***uris);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_BACKENDS_H */
