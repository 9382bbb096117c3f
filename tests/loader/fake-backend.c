/*
 * fake-backend.c: a test-only backend holding a fixed set of domains, one
 * for every consistent combination of the seven filter attributes.
 *
 * Built three times (see tests/Makefile.inc):
 *   fake.so     name "fake", scheme fake, all seven groups;
 *   lesser.so   name "lesser", scheme lesser, no snapshot/checkpoint groups
 *               (FAKE_LESSER);
 *   fakedup.so  name "fake" again, scheme fakedup (FAKE_DUP): must be
 *               skipped as a duplicate of fake.so.
 *
 * URI parameters steer error paths: ?decline=1, ?fail=1, ?warn=1 (warn once
 * per listing), ?forget=1 (leave the state attribute out: a backend bug the
 * core must catch).  The probe finds the hypervisor when the environment
 * variable FAKE_PROBE names this module's scheme.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/virtplug-backend.h>
#include "fake-domains.h"

#if defined(FAKE_LESSER)
# define FAKE_NAME "lesser"
# define FAKE_SCHEME "lesser"
# define FAKE_GROUPS (VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT | \
                      VIRTPLUG_ATTR_STATE | VIRTPLUG_ATTR_MANAGEDSAVE | \
                      VIRTPLUG_ATTR_AUTOSTART)
#elif defined(FAKE_DUP)
# define FAKE_NAME "fake"
# define FAKE_SCHEME "fakedup"
# define FAKE_GROUPS VIRTPLUG_GROUPS_ALL
#else
# define FAKE_NAME "fake"
# define FAKE_SCHEME "fake"
# define FAKE_GROUPS VIRTPLUG_GROUPS_ALL
#endif

typedef struct {
    bool warn;
    bool forget;
} fakeConn;

static virtplugOpenStatus
fakeOpen(const virtplugHost *host, void *data, const virtplugURI *uri,
         unsigned int flags, void **priv, char **canonical)
{
    fakeConn *conn;
    const char *v;

    if ((v = host->uriParam(uri, "decline")) && strcmp(v, "1") == 0)
        return VIRTPLUG_OPEN_DECLINED;
    if ((v = host->uriParam(uri, "fail")) && strcmp(v, "1") == 0) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_OPEN_FAILED, "%s",
                          uri->uri);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (uri->path && strcmp(uri->path, "/default") != 0) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                          "unknown path '%s'", uri->path);
        return VIRTPLUG_OPEN_ERROR;
    }
    if (!(conn = calloc(1, sizeof(*conn))))
        return VIRTPLUG_OPEN_ERROR;
    conn->warn = (v = host->uriParam(uri, "warn")) && strcmp(v, "1") == 0;
    conn->forget = (v = host->uriParam(uri, "forget")) &&
        strcmp(v, "1") == 0;
    *priv = conn;
    if (!(*canonical = strdup(FAKE_SCHEME ":///default"))) {
        free(conn);
        return VIRTPLUG_OPEN_ERROR;
    }
    (void)data;
    (void)flags;
    return VIRTPLUG_OPEN_SUCCESS;
}

static void
fakeClose(const virtplugHost *host, void *priv)
{
    (void)host;
    free(priv);
}

/* Adds domain i with what the sink needs (and nothing more, so that the
 * core's on-demand queries get exercised). */
static int
fakeAdd(const virtplugHost *host,
        const fakeConn *conn, virtplugDomainSink *sink, size_t i)
{
    const fakeDomain *d = &fakeDomains[i];
    unsigned int need = host->sinkNeed(sink) & (FAKE_GROUPS |
        VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION);
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    if (!(rec = host->recordAdd(sink, d->name, d->uuid)))
        return 0;
    info = host->recordInfo(rec);
    info->known = (need | VIRTPLUG_ATTR_ACTIVE) & ~VIRTPLUG_ATTR_TITLE &
        ~VIRTPLUG_ATTR_DESCRIPTION;
    if (conn->forget)
        info->known &= ~(unsigned int)VIRTPLUG_ATTR_STATE;
    info->active = d->info.active;
    info->id = d->info.id;
    info->persistent = d->info.persistent;
    info->state = d->info.state;
    info->reason = d->info.reason;
    info->managed_save = d->info.managed_save;
    info->autostart = d->info.autostart;
    info->snapshots = d->info.snapshots;
    info->checkpoints = d->info.checkpoints;
    if (((need & VIRTPLUG_ATTR_TITLE) &&
         host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, d->title) < 0) ||
        ((need & VIRTPLUG_ATTR_DESCRIPTION) &&
         host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION,
                             d->description) < 0))
        return -1;
    return 0;
}

static int
fakeList(const virtplugHost *host,
         void *priv, unsigned int flags, virtplugDomainSink *sink)
{
    const fakeConn *conn = priv;
    size_t i;

    (void)flags;
    if (conn->warn)
        host->warn(VIR_FROM_TEST, "fake warning: %s", "one item skipped");
    for (i = 0; i < FAKE_NDOMAINS; i++) {
        if (fakeAdd(host, conn, sink, i) < 0)
            return -1;
    }
    /* A second report of a domain is dropped by the sink. */
    if (FAKE_NDOMAINS > 0 && fakeAdd(host, conn, sink, 0) < 0)
        return -1;
    return 0;
}

static int
fakeLookup(const virtplugHost *host, void *priv, const virtplugDomainKey *key,
           virtplugDomainSink *sink)
{
    const fakeConn *conn = priv;
    size_t i;

    for (i = 0; i < FAKE_NDOMAINS; i++) {
        const fakeDomain *d = &fakeDomains[i];
        bool match = false;
        switch (key->type) {
        case VIRTPLUG_KEY_NAME:
            match = key->name && strcmp(key->name, d->name) == 0;
            break;
        case VIRTPLUG_KEY_UUID:
            match = memcmp(key->uuid, d->uuid, VIR_UUID_BUFLEN) == 0;
            break;
        case VIRTPLUG_KEY_ID:
            match = d->info.active && d->info.id == key->id;
            break;
        }
        if (match)
            return fakeAdd(host, conn, sink, i) < 0 ? -1 : 1;
    }
    return 0;
}

/* Finds "its hypervisor" when the test says so. */
static int
fakeProbe(const virtplugHost *host, void *data)
{
    const char *v = getenv("FAKE_PROBE");

    (void)host;
    (void)data;
    return v && strcmp(v, FAKE_SCHEME) == 0 ? 1 : 0;
}

static const char *const fakeSchemes[] = { FAKE_SCHEME, NULL };

VIRTPLUG_BACKEND_DEFINE(
    .name = FAKE_NAME,
    .hv_type = "FAKE",
    .hv_version = 1002003,
    .uri_schemes = fakeSchemes,
    .groups = FAKE_GROUPS,
    .probe_priority = 10,
    .probe_uri = FAKE_SCHEME ":///default",
    .probe = fakeProbe,
    .open = fakeOpen,
    .close = fakeClose,
    .listAllDomains = fakeList,
    .lookup = fakeLookup,
)

/* The domain table is filled when the module is loaded, before any
 * connection can read it. */
static void __attribute__((constructor))
fakeModuleInit(void)
{
    fakeDomainsInit();
}
