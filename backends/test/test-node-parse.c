/*
 * test-node-parse.c: a libvirt test-driver node file.
 *
 * The whole node is checked the way libvirt's test driver checks it when a
 * connection opens: the first bad domain fails the connection with
 * libvirt's error.  Only <domain> children matter here; networks, pools,
 * devices and the rest of a node are ignored.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-xml.h>
#include "test-loader.h"

/* Where `dom` goes, in libvirt's terms (virDomainObjListAdd): a new name
 * and UUID are appended (*pos = -1); the same name with the same UUID
 * redefines that domain (*pos = its position); a clash is an error. */
static int
testNodePlace(const virtplugHost *host,
              const testNode *node, const testDomain *dom, long long *pos)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    long long byuuid = testNodeFindUUID(node, dom->uuid);
    long long byname;

    *pos = -1;
    if (byuuid >= 0) {
        const testDomain *old = &node->domains[byuuid];

        if (strcmp(old->name, dom->name) != 0) {
            host->uuidFormat(old->uuid, uuidstr);
            host->reportError(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                              "domain '%s' is already defined with uuid %s",
                              old->name, uuidstr);
            return -1;
        }
        *pos = byuuid;
        return 0;
    }
    if ((byname = testNodeFindName(node, dom->name)) >= 0) {
        host->uuidFormat(node->domains[byname].uuid, uuidstr);
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                          "domain '%s' already exists with uuid %s",
                          dom->name, uuidstr);
        return -1;
    }
    return 0;
}

/* One <domain> child of the node: inline, or file= an included file. */
static int
testNodeAddDomain(const virtplugHost *host,
                  testLoader *loader, testNode *node, xmlNodePtr child,
                  int *nextid)
{
    char *file = vpXmlProp(child, "file");
    xmlDocPtr subdoc = NULL;
    xmlNodePtr elem = child;
    testDomain dom;
    long long pos;
    int ret = -1;

    memset(&dom, 0, sizeof(dom));
    if (file) {
        /* As in libvirt, the included file replaces the element. */
        subdoc = testLoaderReadXml(host, loader, file, "domain", &elem);
        if (!subdoc)
            goto cleanup;
    }

    if (testDomainParse(host, loader, elem, &dom) < 0 ||
        testNodePlace(host, node, &dom, &pos) < 0)
        goto cleanup;

    if (pos >= 0 && node->domains[pos].id > 0) {
        /* A running domain defined again keeps its live definition (its
         * state, title, ...) and is started once more: a new id.  (libvirt
         * also re-adds the live definition's snapshots, which fails when
         * it has any; here they are kept.) */
        node->domains[pos].id = (*nextid)++;
        ret = 0;
        goto cleanup;
    }

    /* libvirt starts every domain that is not shut off, in order. */
    dom.id = dom.state == VIR_DOMAIN_SHUTOFF ? -1 : (*nextid)++;

    if (testSnapshotsParse(host, loader, elem, &dom) < 0)
        goto cleanup;

    if (pos >= 0) {
        /* An inactive domain defined again: the new definition wins. */
        testDomainClear(&node->domains[pos]);
        node->domains[pos] = dom;
        memset(&dom, 0, sizeof(dom));
    } else if (testNodeAppend(host, node, &dom) < 0) {
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testDomainClear(&dom);
    xmlFreeDoc(subdoc);
    free(file);
    return ret;
}

testNode *
testNodeParseFile(const virtplugHost *host, const char *path)
{
    testLoader loader;
    testNode *node = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root, child;
    int nextid = 1;

    if (testLoaderInit(host, &loader, path) < 0)
        return NULL;
    if ((doc = testLoaderReadXml(host, &loader, path, "node", &root)) == NULL)
        goto error;
    if ((node = testNodeNew(host)) == NULL)
        goto error;

    /* libvirt looks for /node/domain: a root element in a namespace has no
     * such children. */
    if (root->ns == NULL) {
        for (child = root->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE || child->ns ||
                strcmp((const char *)child->name, "domain") != 0)
                continue;
            if (testNodeAddDomain(host, &loader, node, child, &nextid) < 0)
                goto error;
        }
    }

    xmlFreeDoc(doc);
    testLoaderClear(&loader);
    return node;

 error:
    testNodeFree(node);
    xmlFreeDoc(doc);
    testLoaderClear(&loader);
    return NULL;
}
