/*
 * test-loader.h: reading the XML files of a test-driver node.
 *
 * A node file may include other files (<domain file=...>,
 * <test:domainsnapshot file=...>), relative to the node file's directory.
 * All of them are untrusted: one byte budget caps what a whole node may
 * read, non-regular files are refused, and libxml2 never loads anything
 * by itself.
 */
#ifndef TEST_LOADER_H
#define TEST_LOADER_H

#include <stddef.h>
#include <libxml/tree.h>

#include "test-backend.h"

typedef struct _testLoader testLoader;
struct _testLoader {
    char *dir;        /* directory of the node file (malloc'd) */
    size_t budget;    /* bytes that may still be read */
    unsigned long ndomains;  /* <domain> elements parsed so far */
};

/* Sets up a loader for the node file at absolute `path`; -1 when out of
 * memory (reported). */
int testLoaderInit(const virtplugHost *host,
                   testLoader *loader, const char *path);
void testLoaderClear(testLoader *loader);

/* Reads and parses `file` (absolute, or relative to the node file's
 * directory) and checks that its root element is `root_name`.  Returns the
 * document (caller frees with xmlFreeDoc) and its root in *root, or NULL
 * after reporting one error the way libvirt's test driver words it. */
xmlDocPtr testLoaderReadXml(const virtplugHost *host,
                            testLoader *loader, const char *file,
                            const char *root_name, xmlNodePtr *root);

/* test-domain-parse.c: fills `dom` from a <domain> element (an included
 * file already resolved).  Returns 0, or -1 after reporting an error; dom
 * may then hold allocations, which testDomainClear frees. */
int testDomainParse(const virtplugHost *host,
                    testLoader *loader, xmlNodePtr elem, testDomain *dom);

/* test-snapshot-parse.c: checks the <test:domainsnapshot> elements of a
 * domain as libvirt redefines them and sets dom->snapshots.  Returns 0, or
 * -1 after reporting an error. */
int testSnapshotsParse(const virtplugHost *host,
                       testLoader *loader, xmlNodePtr elem, testDomain *dom);

/* The namespace of libvirt's test-driver extensions. */
#define TEST_NS_HREF "http://libvirt.org/schemas/domain/test/1.0"

#endif /* TEST_LOADER_H */
