/*
 * test-default-node.c: the node behind test:///default.
 *
 * libvirt's default test node has one domain, "test": persistent, running
 * with id 1 (reason "unknown"), no title or description, no snapshots, no
 * managed save image, autostart off; 8 GiB of memory, 2 GiB of it current,
 * two vCPUs.  Its definition is kept as the test driver formats it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-backend.h"

static const unsigned char testDefaultUUID[VIR_UUID_BUFLEN] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

/* The definition of "test"; the live one carries id='1'. */
static const char testDefaultXMLHead[] = "<domain type='test'";
static const char testDefaultXMLBody[] =
    ">\n"
    "  <name>test</name>\n"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
    "  <memory unit='KiB'>8388608</memory>\n"
    "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
    "  <vcpu placement='static'>2</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/guest/diskimage1'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "    </disk>\n"
    "    <interface type='network'>\n"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "      <source network='default'/>\n"
    "      <target dev='testnet0'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
    "    </interface>\n"
    "    <memballoon model='virtio'>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
    "    </memballoon>\n"
    "  </devices>\n"
    "</domain>\n";

static int
testDefaultDef(testDomain *dom)
{
    dom->def.max_memory = 8388608;
    dom->def.memory = 2097152;
    dom->def.vcpus = dom->def.max_vcpus = 2;
    if (!(dom->def.os_type = strdup("linux")) ||
        asprintf(&dom->def.xml, "%s id='1'%s", testDefaultXMLHead,
                 testDefaultXMLBody) < 0 ||
        asprintf(&dom->xml_inactive, "%s%s", testDefaultXMLHead,
                 testDefaultXMLBody) < 0) {
        dom->def.xml = dom->xml_inactive = NULL;
        return -1;
    }
    return 0;
}

testNode *
testDefaultNode(const virtplugHost *host)
{
    testNode *node = testNodeNew(host);
    testDomain dom;

    if (!node)
        return NULL;

    memset(&dom, 0, sizeof(dom));
    if ((dom.name = strdup("test")) == NULL || testDefaultDef(&dom) < 0) {
        testDomainClear(&dom);
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot build the default node");
        testNodeFree(node);
        return NULL;
    }
    memcpy(dom.uuid, testDefaultUUID, sizeof(dom.uuid));
    dom.id = 1;
    dom.state = VIR_DOMAIN_RUNNING;
    dom.persistent = true;

    if (testNodeAppend(host, node, &dom) < 0) {
        testDomainClear(&dom);
        testNodeFree(node);
        return NULL;
    }
    return node;
}
