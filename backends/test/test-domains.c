/*
 * test-domains.c: listing and looking up the domains of a test node.
 *
 * Everything is known for free (the node was parsed in open()), so every
 * attribute is filled in whatever the core asked for; the core filters.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "test-backend.h"

/* Adds `dom` to the sink with all its attributes.  Returns 0, or -1 when
 * the core ran out of memory (reported). */
static int
testDomainReport(const virtplugHost *host,
                 const testDomain *dom, virtplugDomainSink *sink)
{
    virtplugDomainRecord *rec;
    virtplugDomainInfo *info;

    /* NULL also means "already in this sink", which cannot happen here
     * because names and UUIDs are unique in a node: out of memory. */
    if ((rec = host->recordAdd(sink, dom->name, dom->uuid)) == NULL) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot add a domain record");
        return -1;
    }
    info = host->recordInfo(rec);
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

    if (host->recordSetText(rec, VIRTPLUG_ATTR_TITLE, dom->title) < 0 ||
        host->recordSetText(rec, VIRTPLUG_ATTR_DESCRIPTION,
                            dom->description) < 0) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot set a domain's title");
        return -1;
    }
    info->known |= VIRTPLUG_ATTR_TITLE | VIRTPLUG_ATTR_DESCRIPTION;
    return 0;
}

int
testListAllDomains(const virtplugHost *host, void *priv, unsigned int flags,
                   virtplugDomainSink *sink)
{
    const testNode *node = priv;
    size_t i;

    (void)flags;
    for (i = 0; i < node->ndomains; i++) {
        if (testDomainReport(host, &node->domains[i], sink) < 0)
            return -1;
    }
    return 0;
}

int
testLookup(const virtplugHost *host, void *priv, const virtplugDomainKey *key,
           virtplugDomainSink *sink)
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
    return testDomainReport(host, &node->domains[pos], sink) < 0 ? -1 : 1;
}

/* The test driver keeps one definition per domain (a redefinition is not
 * possible read-only), and reports the time of day as a domain's CPU
 * time. */
int
testDomainDoc(const virtplugHost *host, void *priv,
              const virtplugDomainKey *key, unsigned int flags,
              virtplugDomainDoc *doc)
{
    const testNode *node = priv;
    const testDomain *dom;
    const char *xml;
    long long pos = testNodeFindUUID(node, key->uuid);
    struct timeval tv;

    memset(doc, 0, sizeof(*doc));
    if (pos < 0)
        return 0;
    dom = &node->domains[pos];
    *doc = dom->def;
    doc->xml = NULL;
    doc->os_type = NULL;
    xml = (flags & VIRTPLUG_DOC_INACTIVE) || !dom->def.xml ? dom->xml_inactive
                                                           : dom->def.xml;
    if (!(doc->os_type = strdup(dom->def.os_type ? dom->def.os_type : "linux")) ||
        ((flags & VIRTPLUG_DOC_XML) && xml && !(doc->xml = strdup(xml)))) {
        free(doc->os_type);
        memset(doc, 0, sizeof(*doc));
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "copying a domain definition");
        return -1;
    }
    gettimeofday(&tv, NULL);
    doc->cpu_time = (unsigned long long)tv.tv_sec * 1000000000ull +
        (unsigned long long)tv.tv_usec * 1000ull;
    doc->current_snapshot = dom->current_snapshot ? 1 : 0;
    return 1;
}
