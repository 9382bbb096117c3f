/*
 * xen-backend.c: the xen backend module: descriptor, URIs, probing.
 *
 * xen:///system reads libvirt's libxl driver state and Xen's own files on
 * this host; xen:///system?root=DIR reads the same layout under DIR (a
 * copied host tree).  Xen keeps no snapshot or checkpoint metadata that a
 * file could show, so those flag groups are left to the core to refuse.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-libvirt-def.h>
#include "xen-domains.h"
#include "xen-priv.h"

static const char *const xenSchemes[] = { "xen", NULL };

/* Percent-encodes a root path for the canonical URI: everything but
 * RFC 3986 unreserved characters and '/'.  Returns malloc'd text or NULL. */
static char *
xenUriEscape(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(strlen(s) * 3 + 1);
    char *o = out;

    if (!out)
        return NULL;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || strchr("-._~/", c)) {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    return out;
}

static virtplugOpenStatus
xenOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
        unsigned int flags, void **privp, char **canonical_uri)
{
    const char *root_param;
    char *root = NULL;
    char *escaped = NULL;
    xenPriv *priv;
    struct stat st;
    size_t len;

    (void)data;
    (void)flags;
    if (strcmp(uri->scheme, "xen") != 0)
        return VIRTPLUG_OPEN_DECLINED;
    /* A host name means a remote libvirtd: not something files can show. */
    if (uri->server && uri->server[0])
        return VIRTPLUG_OPEN_DECLINED;
    if (uri->path && strcmp(uri->path, "/") != 0 &&
        strcmp(uri->path, "/system") != 0) {
        host->reportError(VIR_FROM_LIBXL, VIR_ERR_INTERNAL_ERROR,
                          "unexpected Xen URI path '%s', try xen:///system",
                          uri->path);
        return VIRTPLUG_OPEN_ERROR;
    }

    root_param = host->uriParam(uri, "root");
    if (root_param) {
        if (root_param[0] != '/') {
            host->reportError(VIR_FROM_LIBXL, VIR_ERR_INVALID_ARG,
                              "root '%s' must be an absolute path",
                              root_param);
            return VIRTPLUG_OPEN_ERROR;
        }
        if (stat(root_param, &st) < 0 || !S_ISDIR(st.st_mode)) {
            host->reportSystemError(VIR_FROM_LIBXL, VIR_ERR_INVALID_ARG,
                                    errno ? errno : ENOTDIR,
                                    "cannot use root directory '%s'",
                                    root_param);
            return VIRTPLUG_OPEN_ERROR;
        }
        if (!(root = strdup(root_param)))
            goto nomem;
        /* "/" is the live host; "/h/" is "/h". */
        for (len = strlen(root); len > 0 && root[len - 1] == '/'; len--)
            root[len - 1] = '\0';
    }

    if (!(priv = xenPrivNew(host, root ? root : ""))) {
        free(root);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (root_param) {
        if (!(escaped = xenUriEscape(root_param)) ||
            asprintf(canonical_uri, "xen:///system?root=%s", escaped) < 0) {
            xenPrivFree(priv);
            goto nomem;
        }
    } else if (!(*canonical_uri = strdup("xen:///system"))) {
        xenPrivFree(priv);
        goto nomem;
    }
    free(escaped);
    free(root);
    *privp = priv;
    return VIRTPLUG_OPEN_SUCCESS;

 nomem:
    free(escaped);
    free(root);
    host->reportError(VIR_FROM_LIBXL, VIR_ERR_NO_MEMORY, "%s",
                      "opening the xen backend");
    return VIRTPLUG_OPEN_ERROR;
}

static void
xenClose(const virtplugHost *host, void *priv)
{
    (void)host;
    xenPrivFree(priv);
}

static int
xenListAllDomains(const virtplugHost *host, void *priv, unsigned int flags,
                  virtplugDomainSink *sink)
{
    (void)host;
    return xenDomainsList(priv, flags, sink);
}

static int
xenLookup(const virtplugHost *host, void *priv, const virtplugDomainKey *key,
          virtplugDomainSink *sink)
{
    (void)host;
    return xenDomainsLookup(priv, key, sink);
}

/* The definitions libvirt's libxl driver keeps; a domain only Xen's own
 * files know has none (the core then says NO_SUPPORT).  libvirt reads the
 * OS type "linux" as an alias of "xen". */
static int
xenDomainDoc(const virtplugHost *host, void *priv,
             const virtplugDomainKey *key, unsigned int flags,
             virtplugDomainDoc *doc)
{
    xenPriv *xp = priv;
    int rc = vpLibvirtStateDomainDoc(host, &xp->libvirt, key, flags, doc);

    if (rc == 1 && doc->os_type && strcmp(doc->os_type, "linux") == 0) {
        free(doc->os_type);
        if (!(doc->os_type = strdup("xen"))) {
            vpDomainDocClear(doc);
            host->reportError(VIR_FROM_LIBXL, VIR_ERR_NO_MEMORY, "%s",
                              "reading os type");
            return -1;
        }
    }
    return rc;
}

/* Xen shows itself through /proc/xen (xenfs) in a Xen guest or dom0;
 * libvirt's libxl driver through its config or state directory. */
static int
xenProbe(const virtplugHost *host, void *data)
{
    (void)host;
    (void)data;
    return access("/proc/xen", F_OK) == 0 ||
        access("/etc/libvirt/libxl", F_OK) == 0 ||
        access("/run/libvirt/libxl", F_OK) == 0;
}

VIRTPLUG_BACKEND_DEFINE(
    .name = "xen",
    .hv_type = "Xen",         /* what libvirt's libxl driver reports */
    .hv_version = 0,          /* the hypervisor's version is not in a file */
    .uri_schemes = xenSchemes,
    .groups = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE |
        VIRTPLUG_ATTR_AUTOSTART,
    .probe_priority = 20,     /* after qemu */
    .probe_uri = "xen:///system",
    .probe = xenProbe,
    .open = xenOpen,
    .close = xenClose,
    .listAllDomains = xenListAllDomains,
    .lookup = xenLookup,
    .domainDoc = xenDomainDoc,
)
