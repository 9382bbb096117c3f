/*
 * test-backend.c: the "test" backend's descriptor, open and close.
 *
 *   test:///default        libvirt's built-in test node
 *   test:///ABS/PATH.xml   a libvirt test-driver node file
 *
 * Like libvirt's test driver for files, every connection parses its own
 * node, so connections never share state; test:///default is also built
 * per connection (it cannot change: virtplug is read-only).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "test-backend.h"

static virtplugOpenStatus
testOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
         unsigned int flags, void **priv, char **canonical_uri)
{
    testNode *node;

    (void)data;
    (void)flags;
    *priv = NULL;
    *canonical_uri = NULL;

    if (strcmp(uri->scheme, "test") != 0)
        return VIRTPLUG_OPEN_DECLINED;
    /* test://HOST/... is for libvirt's remote driver, not for us. */
    if (uri->server && uri->server[0])
        return VIRTPLUG_OPEN_DECLINED;

    if (!uri->path || !uri->path[0] || strcmp(uri->path, "/") == 0) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_INVALID_ARG, "%s",
                          "testOpen: supply a path or use test:///default");
        return VIRTPLUG_OPEN_ERROR;
    }

    if (strcmp(uri->path, "/default") == 0) {
        node = testDefaultNode(host);
    } else if (uri->path[0] != '/') {
        /* libvirt would read it relative to the caller's working
         * directory; a URI naming a file must name it absolutely here. */
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                          "failed to parse xml document '%s': the path must be absolute",
                          uri->path);
        return VIRTPLUG_OPEN_ERROR;
    } else {
        node = testNodeParseFile(host, uri->path);
    }
    if (!node)
        return VIRTPLUG_OPEN_ERROR;

    *priv = node;
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
testClose(const virtplugHost *host, void *priv)
{
    (void)host;
    testNodeFree(priv);
}

static const char *const testSchemes[] = { "test", NULL };

VIRTPLUG_BACKEND_DEFINE(
    .name = "test",
    .hv_type = "TEST",
    .hv_version = 2,            /* libvirt's test driver reports 0.0.2 */
    .uri_schemes = testSchemes,
    .groups = VIRTPLUG_GROUPS_ALL,
    .probe = NULL,              /* never the default: only when asked */
    .open = testOpen,
    .close = testClose,
    .listAllDomains = testListAllDomains,
    .lookup = testLookup,
    .domainDoc = testDomainDoc,
)
