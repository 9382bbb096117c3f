/*
 * test-node.c: the in-memory node of a test connection.
 *
 * A testNode owns its domains and their strings; it is built in open() and
 * only read afterwards.  Two indexes find a domain by name or by UUID.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test-backend.h"

static const void *
testNodeNameKey(const void *opaque, size_t pos, size_t *len)
{
    const testNode *node = opaque;

    *len = strlen(node->domains[pos].name);
    return node->domains[pos].name;
}

static const void *
testNodeUUIDKey(const void *opaque, size_t pos, size_t *len)
{
    const testNode *node = opaque;

    *len = VIR_UUID_BUFLEN;
    return node->domains[pos].uuid;
}

testNode *
testNodeNew(const virtplugHost *host)
{
    testNode *node = calloc(1, sizeof(*node));

    if (!node) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot allocate a node");
        return NULL;
    }
    vpIndexInit(&node->by_name, testNodeNameKey, node);
    vpIndexInit(&node->by_uuid, testNodeUUIDKey, node);
    return node;
}

int
testNodeAppend(const virtplugHost *host, testNode *node, testDomain *dom)
{
    size_t pos = node->ndomains;

    if (pos == node->capdomains) {
        size_t cap = node->capdomains ? node->capdomains * 2 : 16;
        testDomain *bigger;

        if (cap > SIZE_MAX / sizeof(*bigger) ||
            !(bigger = realloc(node->domains, cap * sizeof(*bigger))))
            goto oom;
        node->domains = bigger;
        node->capdomains = cap;
    }
    node->domains[pos] = *dom;
    node->ndomains++;
    if (vpIndexAdd(&node->by_name, pos) < 0 ||
        vpIndexAdd(&node->by_uuid, pos) < 0) {
        /* Hand the domain back; the indexes may point past the end, but
         * the node is being thrown away by the caller. */
        node->ndomains--;
        goto oom;
    }
    memset(dom, 0, sizeof(*dom));
    return 0;

 oom:
    host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                      "cannot add a domain");
    return -1;
}

long long
testNodeFindName(const testNode *node, const char *name)
{
    return vpIndexFind(&node->by_name, name, strlen(name));
}

long long
testNodeFindUUID(const testNode *node, const unsigned char uuid[VIR_UUID_BUFLEN])
{
    return vpIndexFind(&node->by_uuid, uuid, VIR_UUID_BUFLEN);
}

void
testDomainClear(testDomain *dom)
{
    free(dom->name);
    free(dom->title);
    free(dom->description);
    free(dom->def.xml);
    free(dom->def.os_type);
    free(dom->xml_inactive);
    memset(dom, 0, sizeof(*dom));
}

void
testNodeFree(testNode *node)
{
    size_t i;

    if (!node)
        return;
    for (i = 0; i < node->ndomains; i++)
        testDomainClear(&node->domains[i]);
    free(node->domains);
    vpIndexClear(&node->by_name);
    vpIndexClear(&node->by_uuid);
    free(node);
}
