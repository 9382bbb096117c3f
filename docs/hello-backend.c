/*
 * hello-backend.c: the smallest complete virtplug backend (the example of
 * docs/backend-guide.md).  URI hello:///, one running persistent domain
 * "hello" with id 1.
 *
 * Build and install it against an installed virtplug:
 *   cc -std=gnu11 -shared -fPIC -fvisibility=hidden -o hello.so hello-backend.c \
 *       $(pkg-config --cflags virtplug-backend)
 *   install -m 644 hello.so "$(pkg-config --variable=backenddir virtplug-backend)"
 */
#include <stdlib.h>
#include <string.h>

#include <virtplug/virtplug-backend.h>

static const unsigned char helloUUID[VIR_UUID_BUFLEN] = {
    0x4a, 0x1f, 0x2c, 0x3d, 0x5e, 0x6f, 0x47, 0x80,
    0x91, 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7, 0x08,
};

static virtplugOpenStatus
helloOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
          unsigned int flags, void **priv, char **canonical_uri)
{
    /* Only hello:/// (or hello:///system) is ours. */
    if (uri->server || (uri->path && strcmp(uri->path, "/") != 0 &&
                        strcmp(uri->path, "/system") != 0))
        return VIRTPLUG_OPEN_DECLINED;
    *priv = NULL;            /* no per-connection state */
    *canonical_uri = NULL;   /* keep the URI as given */
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
helloClose(const virtplugHost *host, void *priv)
{
    /* nothing was allocated in open() */
}

/* Adds the one domain to the sink with everything this backend knows. */
static int
helloAdd(const virtplugHost *host, virtplugDomainSink *sink)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    if (!(rec = host->recordAdd(sink, "hello", helloUUID)))
        return 0;   /* already in the sink (or out of memory): nothing to do */
    info = host->recordInfo(rec);
    info->known = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
                  VIRTPLUG_ATTR_STATE;
    info->active = true;
    info->id = 1;
    info->persistent = true;
    info->state = VIR_DOMAIN_RUNNING;
    info->reason = VIR_DOMAIN_RUNNING_BOOTED;
    return 0;
}

static int
helloListAllDomains(const virtplugHost *host, void *priv, unsigned int flags,
                    virtplugDomainSink *sink)
{
    return helloAdd(host, sink);
}

static int
helloLookup(const virtplugHost *host, void *priv, const virtplugDomainKey *key,
            virtplugDomainSink *sink)
{
    bool match = false;

    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        match = strcmp(key->name, "hello") == 0;
        break;
    case VIRTPLUG_KEY_UUID:
        match = memcmp(key->uuid, helloUUID, VIR_UUID_BUFLEN) == 0;
        break;
    case VIRTPLUG_KEY_ID:
        match = key->id == 1;
        break;
    }
    if (!match)
        return 0;
    return helloAdd(host, sink) < 0 ? -1 : 1;
}

static const char *const helloSchemes[] = { "hello", NULL };

/* The descriptor and the module's one exported symbol, which hands the
 * descriptor only to a core whose ABI matches this header's. */
VIRTPLUG_BACKEND_DEFINE(
    .name = "hello",
    .hv_type = "HELLO",
    .hv_version = 1000000,   /* 1.0.0 */
    .uri_schemes = helloSchemes,
    /* Asking for autostart, managed save, snapshots or checkpoints fails
     * with VIR_ERR_NO_SUPPORT before this backend is called. */
    .groups = VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
              VIRTPLUG_ATTR_STATE,
    .open = helloOpen,
    .close = helloClose,
    .listAllDomains = helloListAllDomains,
    .lookup = helloLookup,
)
