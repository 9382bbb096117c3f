/*
 * lxc-backend.c: the "lxc" backend, for libvirt's LXC driver state.
 *
 * libvirt's LXC driver keeps the directory scheme of every stateful libvirt
 * driver, with "lxc" as the driver name, and runs only privileged:
 *   ROOT/etc/libvirt/lxc/NAME.xml             persistent containers
 *   ROOT/etc/libvirt/lxc/autostart/NAME.xml   links: autostart
 *   ROOT/run/libvirt/lxc/NAME.xml             <domstatus>: running or paused
 * so the SDK's layout helper finds the directories and its state reader
 * reads them; this file only says which URIs are ours.  The driver keeps no
 * managed save images, snapshots or checkpoints: the descriptor leaves those
 * groups out, and the core refuses their filters with VIR_ERR_NO_SUPPORT.
 *
 * URIs, as libvirt's LXC driver takes them: lxc:///system, lxc:/// and
 * lxc:// (the name stays as given), and ?root=DIR for a copied host tree.
 * The domain id of a container is its controller's pid, which the status
 * file holds.  The hypervisor's version is the running kernel's, as
 * libvirt's LXC driver reports it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-libvirt-layout.h>
#include <virtplug/vp-libvirt-state.h>

static virtplugOpenStatus
lxcOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
        unsigned int flags, void **priv, char **canonical_uri)
{
    /* absolute: the core refuses a relative root= before open */
    const char *root = host->uriParam(uri, "root");
    vpLibvirtPaths *paths;

    /* lxc://HOST/ is libvirt's remote driver, not files on this host. */
    if (uri->server && uri->server[0])
        return VIRTPLUG_OPEN_DECLINED;
    if (uri->path && strcmp(uri->path, "/") != 0 &&
        strcmp(uri->path, "/system") != 0) {
        host->reportError(VIR_FROM_LXC, VIR_ERR_INTERNAL_ERROR,
                          "Unexpected LXC URI path '%s', try lxc:///system",
                          uri->path);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (!(paths = vpLibvirtPathsNew(host, VIR_FROM_LXC, root, "lxc",
                                    VP_LIBVIRT_SYSTEM)))
        return VIRTPLUG_OPEN_ERROR;
    /* The LXC driver has none of these: never look for them. */
    paths->layout.save_dir = NULL;
    paths->layout.snapshot_dir = NULL;
    paths->layout.checkpoint_dir = NULL;
    *priv = paths;
    *canonical_uri = NULL;
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
lxcClose(const virtplugHost *host, void *priv)
{
    vpLibvirtPathsFree(priv);
}

static int
lxcListAllDomains(const virtplugHost *host, void *priv, unsigned int flags,
                  virtplugDomainSink *sink)
{
    const vpLibvirtPaths *paths = priv;

    return vpLibvirtStateList(host, &paths->layout, flags, sink);
}

static int
lxcLookup(const virtplugHost *host, void *priv, const virtplugDomainKey *key,
          virtplugDomainSink *sink)
{
    const vpLibvirtPaths *paths = priv;

    return vpLibvirtStateLookup(host, &paths->layout, key, sink);
}

/* libvirt's LXC driver shows itself by its config or state directory. */
static int
lxcProbe(const virtplugHost *host, void *data)
{
    return access("/etc/libvirt/lxc", F_OK) == 0 ||
        access("/run/libvirt/lxc", F_OK) == 0;
}

/* The kernel is the hypervisor: "6.1.0-13-amd64" is 6.1.0, in libvirt's
 * encoding (major * 1,000,000 + minor * 1,000 + micro). */
static int
lxcConnectGetVersion(const virtplugHost *host, void *priv,
                     unsigned long *version)
{
    struct utsname u;
    unsigned long major = 0, minor = 0, micro = 0;

    *version = 0;
    if (uname(&u) == 0 &&
        sscanf(u.release, "%lu.%lu.%lu", &major, &minor, &micro) >= 2 &&
        minor < 1000 && micro < 1000)
        *version = major * 1000000 + minor * 1000 + micro;
    return 0;
}

static const char *const lxcSchemes[] = { "lxc", NULL };

VIRTPLUG_BACKEND_DEFINE(
    .name = "lxc",
    .hv_type = "LXC",
    .hv_version = 0,
    .uri_schemes = lxcSchemes,
    .groups = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_AUTOSTART,
    .probe_priority = 30,     /* after qemu and xen: hosts have them more */
    .probe_uri = "lxc:///system",
    .probe = lxcProbe,
    .open = lxcOpen,
    .close = lxcClose,
    .listAllDomains = lxcListAllDomains,
    .lookup = lxcLookup,
    .connectGetVersion = lxcConnectGetVersion,
)
