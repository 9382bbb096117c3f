/*
 * test-domains.c: listing and looking up the domains of a test node.
 *
 * Everything is known for free (the node was parsed in open()), so every
 * attribute is filled in whatever the core asked for; the core filters.
 */
#include <config.h>

#include <string.h>

#include "test-backend.h"

/* Adds `dom` to the sink with all its attributes.  Returns 0, or -1 when
 * the core ran out of memory (reported). */
static int
testDomainReport(const testDomain *dom, virtplugDomainSink *sink)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    /* NULL also means "already in this sink", which cannot happen here
     * because names and UUIDs are unique in a node: out of memory. */
    if ((rec = testHost->recordAdd(sink, dom->name, dom->uuid)) == NULL) {
        testHost->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                              "cannot add a domain record");
        return -1;
    }
    info = testHost->recordInfo(rec);
    info->active = dom->id > 0;
    info->id = dom->id > 0 ? dom->id : -1;
    info->persistent = dom->persistent;
    info->state = dom->state;
    info->reason = 0;   /* libvirt's test driver: always "unknown" */
    info->managed_save = dom->managed_save;
    info->autostart = false;  /* a node file cannot ask for autostart */
    info->snapshots = dom->snapshots;
    info->checkpoints = 0;    /* the test driver has none at open */
    info->known |= VIRTPLUG_GROUPS_ALL;

    if (testHost->recordSetText(rec, VIRTPLUG_ATTR_TITLE, dom->title) < 0 ||
        testHost->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION,
                                dom->description) < 0) {
        testHost->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                              "cannot set a domain's title");
        return -1;
    }
    info->known |= VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION;
    return 0;
}

int
testListAllDomains(void *priv, unsigned int flags, virtplugDomainSink *sink)
{
    const testNode *node = priv;
    size_t i;

    (void)flags;
    for (i = 0; i < node->ndomains; i++) {
        if (testDomainReport(&node->domains[i], sink) < 0)
            return -1;
    }
    return 0;
}

int
testLookup(void *priv, const virtplugDomainKey *key, virtplugDomainSink *sink)
{
    const testNode *node = priv;
    long long pos = -1;
    size_t i;

    switch (key->type) {
    case VIRTPLUG_KEY_NAME:
        if (key->name)
            pos = testNodeFindName(node, key->name);
        break;
    case VIRTPLUG_KEY_UUID:
        pos = testNodeFindUUID(node, key->uuid);
        break;
    case VIRTPLUG_KEY_ID:
        for (i = 0; i < node->ndomains && key->id > 0; i++) {
            if (node->domains[i].id == key->id) {
                pos = (long long)i;
                break;
            }
        }
        break;
    }
    if (pos < 0)
        return 0;
    return testDomainReport(&node->domains[pos], sink) < 0 ? -1 : 1;
}
