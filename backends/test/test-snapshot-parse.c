/*
 * test-snapshot-parse.c: the <test:domainsnapshot> elements of a domain.
 *
 * A listing only needs how many snapshots a domain has, but libvirt
 * refuses the whole node when one of them cannot be redefined, so the
 * checks it makes on the fields it requires are repeated here: name,
 * creationTime, state, active, unique names, at most one current
 * snapshot, parents that exist and form no loop.  The embedded <domain>
 * and <disks> of a snapshot are not checked.
 *
 * <test:domainsnapshot file='snap.xml'/> reads a <domainsnapshot> file
 * relative to the node file.  (libvirt 9.0 crashes on this form.)
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-xml.h>
#include <virtplug/vp-index.h>
#include <virtplug/vp-parse.h>
#include "test-loader.h"

typedef struct {
    char *name;
    char *parent;    /* NULL: a root snapshot */
} testSnapshot;

typedef struct {
    testSnapshot *items;
    size_t n;
    size_t cap;     /* grows by doubling */
    vpIndex by_name;
} testSnapshotList;

static const void *
testSnapshotKey(const void *opaque, size_t pos, size_t *len)
{
    const testSnapshotList *list = opaque;

    *len = strlen(list->items[pos].name);
    return list->items[pos].name;
}

static void
testSnapshotListClear(testSnapshotList *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].name);
        free(list->items[i].parent);
    }
    free(list->items);
    list->items = NULL;
    list->n = 0;
    vpIndexClear(&list->by_name);
}

/* The untrimmed text of the first child `name`; NULL when absent or empty
 * (or out of memory: *oom). */
static char *
testSnapString(xmlNodePtr elem, const char *name, bool *oom)
{
    xmlNodePtr child = vpXmlChild(elem, name);
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

/* Snapshot states libvirt accepts when redefining (not "nostate"). */
static bool
testSnapshotStateValid(const char *state)
{
    static const char *const valid[] = {
        "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
        "pmsuspended", "disk-snapshot",
    };
    size_t i;

    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        if (strcmp(state, valid[i]) == 0)
            return true;
    }
    return false;
}

static int
testSnapshotOOM(const virtplugHost *host)
{
    host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                      "cannot parse a snapshot");
    return -1;
}

/* Checks one <domainsnapshot> element; on success fills *snap and
 * *current. */
static int
testSnapshotParseOne(const virtplugHost *host,
                     xmlNodePtr elem, testSnapshot *snap, bool *current)
{
    bool oom = false;
    char *str;
    long long val;
    int rc;

    if ((snap->name = testSnapString(elem, "name", &oom)) == NULL) {
        if (oom)
            return testSnapshotOOM(host);
        host->reportError(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_XML_ERROR,
                          "%s", "a redefined snapshot must have a name");
        return -1;
    }

    str = testSnapString(elem, "creationTime", &oom);
    rc = vpParseLongLong(str, LLONG_MIN, LLONG_MAX, &val);
    free(str);
    if (oom)
        return testSnapshotOOM(host);
    if (rc < 0) {
        host->reportError(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INTERNAL_ERROR,
                          "%s", "missing creationTime from existing snapshot");
        return -1;
    }

    if ((str = testSnapString(elem, "state", &oom)) == NULL) {
        if (oom)
            return testSnapshotOOM(host);
        host->reportError(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_XML_ERROR,
                          "%s", "missing state from existing snapshot");
        return -1;
    }
    if (!testSnapshotStateValid(str)) {
        host->reportError(VIR_FROM_DOMAIN_SNAPSHOT,
                          VIR_ERR_CONFIG_UNSUPPORTED,
                          "Invalid state '%s' in domain snapshot XML", str);
        free(str);
        return -1;
    }
    free(str);

    str = testSnapString(elem, "active", &oom);
    rc = vpParseLongLong(str, INT_MIN, INT_MAX, &val);
    free(str);
    if (oom)
        return testSnapshotOOM(host);
    if (rc < 0) {
        host->reportError(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INTERNAL_ERROR,
                          "%s", "Could not find 'active' element");
        return -1;
    }
    *current = val != 0;

    snap->parent = testSnapString(vpXmlChild(elem, "parent"), "name", &oom);
    if (oom)
        return testSnapshotOOM(host);
    return 0;
}

static long long
testSnapshotFind(const testSnapshotList *list, const char *name)
{
    return vpIndexFind(&list->by_name, name, strlen(name));
}

/* Every parent exists, and following parents never comes back.  Each
 * snapshot is walked once: 0 unseen, 1 on the current path, 2 checked. */
static int
testSnapshotRelationsValid(const testSnapshotList *list)
{
    unsigned char *mark = calloc(list->n ? list->n : 1, 1);
    size_t i;
    int ret = 0;

    if (!mark)
        return -1;
    for (i = 0; i < list->n && ret == 0; i++) {
        long long cur = (long long)i;

        /* Walk up until a checked snapshot or a root. */
        while (cur >= 0 && mark[cur] == 0) {
            mark[cur] = 1;
            if (!list->items[cur].parent)
                break;
            cur = testSnapshotFind(list, list->items[cur].parent);
            if (cur < 0 || mark[cur] == 1) {
                ret = 1;    /* missing parent, or a loop */
                break;
            }
        }
        /* Everything on this path is now checked. */
        for (cur = (long long)i; cur >= 0 && mark[cur] == 1;) {
            mark[cur] = 2;
            cur = list->items[cur].parent
                  ? testSnapshotFind(list, list->items[cur].parent) : -1;
        }
    }
    free(mark);
    return ret;
}

int
testSnapshotsParse(const virtplugHost *host,
                   testLoader *loader, xmlNodePtr elem, testDomain *dom)
{
    testSnapshotList list = { NULL, 0, 0, { 0 } };
    bool have_current = false;
    int rc;
    xmlNodePtr child;
    int ret = -1;

    vpIndexInit(&list.by_name, testSnapshotKey, &list);
    for (child = elem->children; child; child = child->next) {
        xmlDocPtr subdoc = NULL;
        xmlNodePtr snapelem = child;
        testSnapshot snap = { NULL, NULL };
        testSnapshot *bigger;
        bool current = false;
        char *file;

        if (child->type != XML_ELEMENT_NODE || !child->ns ||
            !child->ns->href ||
            strcmp((const char *)child->ns->href, TEST_NS_HREF) != 0 ||
            strcmp((const char *)child->name, "domainsnapshot") != 0)
            continue;

        if ((file = vpXmlProp(child, "file")) != NULL) {
            subdoc = testLoaderReadXml(host, loader, file, "domainsnapshot",
                                       &snapelem);
            free(file);
            if (!subdoc)
                goto cleanup;
        }

        if (testSnapshotParseOne(host, snapelem, &snap, &current) < 0) {
            free(snap.name);
            free(snap.parent);
            xmlFreeDoc(subdoc);
            goto cleanup;
        }
        xmlFreeDoc(subdoc);

        if (testSnapshotFind(&list, snap.name) >= 0) {
            host->reportError(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                              "domain moment %s already exists", snap.name);
            free(snap.name);
            free(snap.parent);
            goto cleanup;
        }
        if (list.n == list.cap) {
            size_t cap = list.cap ? list.cap * 2 : 8;

            if (cap > SIZE_MAX / sizeof(*bigger) ||
                !(bigger = realloc(list.items, cap * sizeof(*bigger)))) {
                free(snap.name);
                free(snap.parent);
                testSnapshotOOM(host);
                goto cleanup;
            }
            list.items = bigger;
            list.cap = cap;
        }
        list.items[list.n] = snap;
        if (vpIndexAdd(&list.by_name, list.n) < 0) {
            free(snap.name);
            free(snap.parent);
            testSnapshotOOM(host);
            goto cleanup;
        }
        list.n++;

        if (current) {
            if (have_current) {
                host->reportError(VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                                  "%s", "more than one snapshot claims to be active");
                goto cleanup;
            }
            dom->current_snapshot = true;
            have_current = true;
        }
    }

    if ((rc = testSnapshotRelationsValid(&list)) < 0) {
        testSnapshotOOM(host);
        goto cleanup;
    }
    if (rc > 0) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                          "Snapshots have inconsistent relations for domain %s",
                          dom->name);
        goto cleanup;
    }
    dom->snapshots = list.n > INT_MAX ? INT_MAX : (int)list.n;
    ret = 0;

 cleanup:
    testSnapshotListClear(&list);
    return ret;
}
