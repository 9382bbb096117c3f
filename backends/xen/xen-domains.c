/*
 * xen-domains.c: merging libvirt's libxl state with Xen's own files.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "xen-autostart.h"
#include "xen-domains.h"
#include "xen-saveimage.h"
#include "xen-userdata.h"

typedef struct {
    const xenPriv *priv;
    virtplugDomainSink *sink;
    unsigned int need;
    char **auto_names;             /* when need has ATTR_AUTOSTART */
    const virtplugDomainKey *key;  /* a lookup's key; NULL when listing */
    int added;
} xenAddCtx;

static bool
xenKeyMatches(const virtplugDomainKey *key, const xenDomainRef *ref)
{
    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        return strcmp(key->name, ref->name) == 0;
    case VIRTPLUG_KEY_UUID:
        return memcmp(key->uuid, ref->uuid, VIR_UUID_BUFLEN) == 0;
    case VIRTPLUG_KEY_ID:
        return ref->id >= 0 && key->id == ref->id;
    }
    return false;
}

/* xenDomainFunc: puts one domain found in Xen's files into the sink. */
static int
xenAddDomain(const xenDomainRef *ref, void *opaque)
{
    xenAddCtx *ctx = opaque;
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;
    bool active = ref->id >= 0;

    if (ctx->key && !xenKeyMatches(ctx->key, ref))
        return 0;
    /* libvirt's view of a domain it manages wins.  The sink would drop this
     * record after libvirt's, but the shared reader may have skipped that
     * domain for the flags asked (e.g. persistent ones for TRANSIENT), and a
     * lookup has no libvirt record in its sink at all. */
    if (xenLibvirtKnowsName(ctx->priv, ref->name))
        return 0;
    /* NULL: a domain of this name or UUID is already in the sink. */
    if (!(rec = ctx->priv->host->recordAdd(ctx->sink, ref->name, ref->uuid)))
        return 0;
    info = ctx->priv->host->recordInfo(rec);

    info->known |= VIRTPLUG_ATTR_ACTIVE | VIRTPLUG_ATTR_PERSISTENT |
        VIRTPLUG_ATTR_STATE;
    info->active = active;
    info->id = active ? ref->id : -1;
    if (active) {
        info->persistent = false;
        info->state = VIR_DOMAIN_NOSTATE;
        info->reason = VIR_DOMAIN_NOSTATE_UNKNOWN;
    } else {
        info->persistent = true;
        info->state = VIR_DOMAIN_SHUTOFF;
        info->reason = VIR_DOMAIN_SHUTOFF_SAVED;
        info->managed_save = true;
        info->known |= VIRTPLUG_ATTR_MANAGEDSAVE;
    }
    if (active && (ctx->need & VIRTPLUG_ATTR_MANAGEDSAVE)) {
        /* A save image left behind by a failed restore still counts. */
        info->managed_save = xenSaveImageExists(ctx->priv, ref->name,
                                                ref->uuid);
        info->known |= VIRTPLUG_ATTR_MANAGEDSAVE;
    }
    if (ctx->need & VIRTPLUG_ATTR_AUTOSTART) {
        info->autostart = xenAutostartHas(ctx->auto_names, ref->name);
        info->known |= VIRTPLUG_ATTR_AUTOSTART;
    }
    /* xl configs carry no title or description: known to be none. */
    if ((ctx->need & VIRTPLUG_ATTR_TITLE) &&
        ctx->priv->host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, NULL) < 0)
        return 0;
    if ((ctx->need & VIRTPLUG_ATTR_DESCRIPTION) &&
        ctx->priv->host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION, NULL) < 0)
        return 0;
    ctx->added++;
    return ctx->key ? 1 : 0;
}

static int
xenAddCtxInit(xenAddCtx *ctx, const xenPriv *priv, virtplugDomainSink *sink,
              const virtplugDomainKey *key)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->priv = priv;
    ctx->sink = sink;
    ctx->key = key;
    ctx->need = priv->host->sinkNeed(sink);
    if (ctx->need & VIRTPLUG_ATTR_AUTOSTART) {
        if (!(ctx->auto_names = xenAutostartNames(priv))) {
            priv->host->reportError(VIR_FROM_LIBXL, VIR_ERR_NO_MEMORY, "%s",
                                    "autostart list");
            return -1;
        }
    }
    return 0;
}

int
xenDomainsList(const xenPriv *priv, unsigned int flags,
               virtplugDomainSink *sink)
{
    unsigned int act = flags & VIRTPLUG_GROUP_FLAGS_ACTIVE;
    xenAddCtx ctx;

    if (vpLibvirtStateList(priv->host, &priv->libvirt, flags, sink) < 0)
        return -1;
    if (xenAddCtxInit(&ctx, priv, sink, NULL) < 0)
        return -1;

    /* Running domains always: they shadow a leftover save image. */
    xenUserdataForEach(priv, -1, NULL, xenAddDomain, &ctx);
    if (act != VIR_CONNECT_LIST_DOMAINS_ACTIVE)
        xenSaveImageForEach(priv, NULL, NULL, xenAddDomain, &ctx);

    xenAutostartFree(ctx.auto_names);
    return 0;
}

int
xenDomainsLookup(const xenPriv *priv, const virtplugDomainKey *key,
                 virtplugDomainSink *sink)
{
    xenAddCtx ctx;
    int rc;

    rc = vpLibvirtStateLookup(priv->host, &priv->libvirt, key, sink);
    if (rc != 0)
        return rc;
    if (key->type == VIRTPLUG_KEY_ID && key->id < 0)
        return 0;
    if (key->type == VIRTPLUG_KEY_NAME && !key->name)
        return 0;
    if (xenAddCtxInit(&ctx, priv, sink, key) < 0)
        return -1;

    switch (key->type) {
    case VIRTPLUG_KEY_ID:
        xenUserdataForEach(priv, key->id, NULL, xenAddDomain, &ctx);
        break;
    case VIRTPLUG_KEY_UUID:
        if (xenUserdataForEach(priv, -1, key->uuid, xenAddDomain, &ctx) == 0)
            xenSaveImageForEach(priv, NULL, key->uuid, xenAddDomain, &ctx);
        break;
    case VIRTPLUG_KEY_NAME:
        if (xenUserdataForEach(priv, -1, NULL, xenAddDomain, &ctx) == 0)
            xenSaveImageForEach(priv, key->name, NULL, xenAddDomain, &ctx);
        break;
    }
    xenAutostartFree(ctx.auto_names);
    return ctx.added > 0 ? 1 : 0;
}
