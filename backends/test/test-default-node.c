/*
 * test-default-node.c: the node behind test:///default.
 *
 * libvirt's default test node has one domain, "test": persistent, running
 * with id 1 (reason "unknown"), no title or description, no snapshots, no
 * managed save image, autostart off.  Only what a listing can see is kept.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "test-backend.h"

static const unsigned char testDefaultUUID[VIR_UUID_BUFLEN] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

testNode *
testDefaultNode(void)
{
    testNode *node = testNodeNew();
    testDomain dom;

    if (!node)
        return NULL;

    memset(&dom, 0, sizeof(dom));
    if ((dom.name = strdup("test")) == NULL) {
        testHost->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                              "cannot build the default node");
        testNodeFree(node);
        return NULL;
    }
    memcpy(dom.uuid, testDefaultUUID, sizeof(dom.uuid));
    dom.id = 1;
    dom.state = VIR_DOMAIN_RUNNING;
    dom.persistent = true;

    if (testNodeAppend(node, &dom) < 0) {
        testDomainClear(&dom);
        testNodeFree(node);
        return NULL;
    }
    return node;
}
