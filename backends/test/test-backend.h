/*
 * test-backend.h: private declarations of the "test" backend.
 *
 * The backend answers test:///default (a built-in node) and
 * test:///ABS/PATH.xml (a libvirt test-driver node file).  A connection
 * parses its node once, in open(), into an immutable testNode; list and
 * lookup calls only read it, so they are safe from any number of threads.
 */
#ifndef TEST_BACKEND_H
#define TEST_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug-backend.h>
#include <virtplug/vp-index.h>

/* libvirt's VIR_ERR_NO_NAME, which virtplug.h does not name. */
#define TEST_ERR_NO_NAME 21

/* The node file and every file it includes may total at most this much. */
#define TEST_NODE_READ_CAP (64u * 1024 * 1024)

/* One domain of a node.  Owned by its testNode. */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;               /* 1, 2, ... when active, else -1 */
    int state;            /* virDomainState; the reason is always 0 */
    bool persistent;
    bool managed_save;
    int snapshots;
    char *title;          /* NULL: none */
    char *description;    /* NULL: none */
    /* The definition: figures (os_type is always "linux", as the test
     * driver answers), the live and the persistent XML (malloc'd). */
    virtplugDomainDoc def;
    char *xml_inactive;
    bool current_snapshot;
} testDomain;

/* A parsed node: the private data of one connection. */
typedef struct {
    testDomain *domains;
    size_t ndomains;
    size_t capdomains;  /* grows by doubling: nodes may be large */
    vpIndex by_name;    /* positions in domains, keyed by name */
    vpIndex by_uuid;    /* positions in domains, keyed by UUID */
} testNode;

/* test-default-node.c: the node of test:///default.  NULL after reporting
 * an error. */
testNode *testDefaultNode(const virtplugHost *host);

/* test-node-parse.c: parses the node file at the absolute path `path`.
 * NULL after reporting exactly one error. */
testNode *testNodeParseFile(const virtplugHost *host, const char *path);

/* test-node.c: allocation helpers.  testNodeAppend moves *dom into the
 * node and indexes it (its name and UUID must be new). */
testNode *testNodeNew(const virtplugHost *host);
int testNodeAppend(const virtplugHost *host, testNode *node, testDomain *dom);
long long testNodeFindName(const testNode *node, const char *name);
long long testNodeFindUUID(const testNode *node,
                           const unsigned char uuid[VIR_UUID_BUFLEN]);
void testDomainClear(testDomain *dom);
void testNodeFree(testNode *node);

/* test-domains.c: the list and lookup callbacks. */
virtplugListAllDomainsFunc testListAllDomains;
virtplugLookupFunc testLookup;
virtplugDomainDocFunc testDomainDoc;

#endif /* TEST_BACKEND_H */
