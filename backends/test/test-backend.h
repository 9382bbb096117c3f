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

#include "virtplug-backend.h"
#include "test-index.h"

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
} testDomain;

/* A parsed node: the private data of one connection. */
typedef struct {
    testDomain *domains;
    size_t ndomains;
    testIndex by_name;    /* positions in domains, keyed by name */
    testIndex by_uuid;    /* positions in domains, keyed by UUID */
} testNode;

/* The core's helpers, set once by the entry point. */
extern const virtplugHost *testHost;

/* test-default-node.c: the node of test:///default.  NULL after reporting
 * an error. */
testNode *testDefaultNode(void);

/* test-node-parse.c: parses the node file at the absolute path `path`.
 * NULL after reporting exactly one error. */
testNode *testNodeParseFile(const char *path);

/* test-node.c: allocation helpers.  testNodeAppend moves *dom into the
 * node and indexes it (its name and UUID must be new). */
testNode *testNodeNew(void);
int testNodeAppend(testNode *node, testDomain *dom);
long long testNodeFindName(const testNode *node, const char *name);
long long testNodeFindUUID(const testNode *node,
                           const unsigned char uuid[VIR_UUID_BUFLEN]);
void testDomainClear(testDomain *dom);
void testNodeFree(testNode *node);

/* test-domains.c: the list and lookup callbacks. */
int testListAllDomains(void *priv, unsigned int flags,
                       virtplugDomainSink *sink);
int testLookup(void *priv, const virtplugDomainKey *key,
               virtplugDomainSink *sink);

#endif /* TEST_BACKEND_H */
