/*
 * test-domain-parse.c: one <domain> of a test-driver node.
 *
 * Only what a listing needs is read (name, UUID, title, description and the
 * test: namespace elements), but the checks libvirt makes on those, and a
 * few cheap structural ones, are repeated with libvirt's error codes and
 * words, in libvirt's order, so that a node libvirt refuses is refused
 * here too.  libvirt reads values with XPath string(): untrimmed, first
 * element only, empty means absent.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-index.h>
#include <virtplug/vp-libvirt-def.h>
#include <virtplug/vp-parse.h>
#include <virtplug/vp-xml.h>
#include "test-loader.h"

/* The untrimmed text of the first child `name` (in namespace ns_href, or in
 * none), NULL when absent or empty.  *oom is set when allocation failed. */
static char *
testChildString(xmlNodePtr elem, const char *ns_href, const char *name,
                bool *oom)
{
    xmlNodePtr child = ns_href ? vpXmlChildNs(elem, ns_href, name)
                               : vpXmlChild(elem, name);
    char *text;

    if (!child)
        return NULL;
    if ((text = vpXmlNodeText(child)) == NULL) {
        *oom = true;
        return NULL;
    }
    if (!text[0]) {
        free(text);
        return NULL;
    }
    return text;
}

/* libvirt gives a domain without <uuid> a random one.  Here it is derived
 * from the name and the domain's position in the node instead (FNV-1a
 * spread by a 64-bit mixer, shaped as a version-4 UUID): stable across
 * connections and runs, yet two UUID-less domains of the same name still
 * differ, so that they clash by name as they do in libvirt. */
static void
testNameUUID(const char *name, unsigned long serial,
             unsigned char uuid[VIR_UUID_BUFLEN])
{
    unsigned char le[sizeof(serial)];
    uint64_t h;
    size_t i;

    for (i = 0; i < sizeof(serial); i++)
        le[i] = (unsigned char)((serial >> (8 * i)) & 0xff);
    h = vpHashBytes(le, sizeof(le), VP_HASH_SEED);
    h = vpHashBytes(name, strlen(name), h);
    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        uint64_t z = (h += 0x9e3779b97f4a7c15ULL);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        uuid[i] = (unsigned char)z;
    }
    uuid[6] = (unsigned char)((uuid[6] & 0x0f) | 0x40);
    uuid[8] = (unsigned char)((uuid[8] & 0x3f) | 0x80);
}

static int
testParseOOM(const virtplugHost *host)
{
    host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                      "cannot parse a domain");
    return -1;
}

/* The checks of libvirt's domain parser that a listing can reach, in its
 * order: name, type, UUID, OS type, title. */
static int
testDomainParseDef(const virtplugHost *host,
                   xmlNodePtr elem, unsigned long serial, testDomain *dom,
                   bool *oom)
{
    xmlNodePtr os;
    char *type, *uuid, *ostype;

    if ((dom->name = testChildString(elem, NULL, "name", oom)) == NULL) {
        if (*oom)
            return testParseOOM(host);
        host->reportError(VIR_FROM_DOMAIN, TEST_ERR_NO_NAME, "%s",
                          "missing name information");
        return -1;
    }

    if ((type = vpXmlProp(elem, "type")) == NULL) {
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_INTERNAL_ERROR, "%s",
                          "missing domain type attribute");
        return -1;
    }
    free(type);

    if ((uuid = testChildString(elem, NULL, "uuid", oom)) == NULL) {
        if (*oom)
            return testParseOOM(host);
        testNameUUID(dom->name, serial, dom->uuid);
    } else {
        int rc = vpParseUUID(uuid, dom->uuid);

        free(uuid);
        if (rc < 0) {
            host->reportError(VIR_FROM_DOMAIN, VIR_ERR_INTERNAL_ERROR,
                              "%s", "malformed uuid element");
            return -1;
        }
    }

    os = vpXmlChild(elem, "os");
    if ((ostype = testChildString(os, NULL, "type", oom)) == NULL) {
        if (*oom)
            return testParseOOM(host);
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                          "an os <type> must be specified");
        return -1;
    }
    free(ostype);

    dom->title = testChildString(elem, NULL, "title", oom);
    if (dom->title && strchr(dom->title, '\n')) {
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                          "Domain title can't contain newlines");
        return -1;
    }
    dom->description = testChildString(elem, NULL, "description", oom);
    if (*oom)
        return testParseOOM(host);
    return 0;
}

/* The test: namespace: run state, transient, managed save. */
static int
testDomainParseNs(const virtplugHost *host,
                  xmlNodePtr elem, testDomain *dom, bool *oom)
{
    char *runstate = testChildString(elem, TEST_NS_HREF, "runstate", oom);
    bool transient = vpXmlChildNs(elem, TEST_NS_HREF, "transient") != NULL;
    bool managed = vpXmlChildNs(elem, TEST_NS_HREF, "hasmanagedsave") != NULL;

    if (*oom)
        return testParseOOM(host);

    dom->state = VIR_DOMAIN_RUNNING;
    if (runstate) {
        /* libvirt reads it with virXPathUInt: no '-' wraps around here */
        unsigned long long val;
        int rc = vpParseULongLong(runstate, UINT_MAX, &val);

        free(runstate);
        if (rc < 0) {
            host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR, "%s",
                              "invalid runstate");
            return -1;
        }
        if (val > VIR_DOMAIN_PMSUSPENDED) {
            /* libvirt prints the value with %d, stray quote included. */
            host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                              "runstate '%d' out of range'", (int)val);
            return -1;
        }
        dom->state = (int)val;
    }

    if (transient && dom->state == VIR_DOMAIN_SHUTOFF) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR, "%s",
                          "transient domain cannot have runstate 'shutoff'");
        return -1;
    }
    if (managed && dom->state != VIR_DOMAIN_SHUTOFF) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR, "%s",
                          "domain with managedsave data can only have runstate 'shutoff'");
        return -1;
    }
    dom->persistent = !transient;
    dom->managed_save = managed;
    return 0;
}

/* The checks libvirt makes after parsing: memory, then the name. */
static int
testDomainValidate(const virtplugHost *host,
                   xmlNodePtr elem, const testDomain *dom)
{
    xmlNodePtr cpu = vpXmlChild(elem, "cpu");

    if (!vpXmlChild(elem, "memory") && !vpXmlChild(cpu, "numa")) {
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                          "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (strchr(dom->name, '/')) {
        host->reportError(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                          "name %s cannot contain '/'", dom->name);
        return -1;
    }
    return 0;
}

/* The definition's figures and its text.  The test driver formats the
 * definition it parsed; the element's own text, as libxml2 writes it,
 * stands for that (same elements and values, its own quoting). */
static int
testDomainParseFigures(const virtplugHost *host, xmlNodePtr elem,
                       testDomain *dom)
{
    xmlBufferPtr buf;
    size_t len;

    if (vpLibvirtDefFigures(host, VIR_FROM_TEST, elem, &dom->def) < 0)
        return -1;
    free(dom->def.os_type);
    if (!(dom->def.os_type = strdup("linux")) ||
        !(buf = xmlBufferCreate()))
        return testParseOOM(host);
    if (xmlNodeDump(buf, elem->doc, elem, 0, 0) < 0 ||
        !(dom->xml_inactive = malloc((len = (size_t)xmlBufferLength(buf)) + 2))) {
        xmlBufferFree(buf);
        return testParseOOM(host);
    }
    memcpy(dom->xml_inactive, xmlBufferContent(buf), len);
    memcpy(dom->xml_inactive + len, "\n", 2);
    xmlBufferFree(buf);
    return 0;
}

int
testDomainParse(const virtplugHost *host,
                testLoader *loader, xmlNodePtr elem, testDomain *dom)
{
    bool oom = false;

    dom->id = -1;
    if (testDomainParseDef(host, elem, loader->ndomains++, dom, &oom) < 0 ||
        testDomainParseNs(host, elem, dom, &oom) < 0 ||
        testDomainValidate(host, elem, dom) < 0 ||
        testDomainParseFigures(host, elem, dom) < 0)
        return -1;
    return 0;
}
