/*
 * test-loader.c: reading the XML files of a test-driver node.
 *
 * libvirt's test driver fails the whole connection when any file of the
 * node is bad, so the helpers' warnings (vpFileRead, vpXmlParse) become the
 * text of one error here.  They are caught with a private copy of the host
 * table whose warn() writes into a thread-local buffer: the helpers call it
 * synchronously from this thread, so no other call can interleave.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-xml.h>
#include "test-loader.h"

static _Thread_local char testCaught[1024];

static void testCatchWarning(int from, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
testCatchWarning(int from, const char *fmt, ...)
{
    va_list ap;

    (void)from;
    va_start(ap, fmt);
    vsnprintf(testCaught, sizeof(testCaught), fmt, ap);
    va_end(ap);
}

/* The host table handed to the helpers: the core's, but warnings are kept. */
static virtplugHost
testCatchingHost(const virtplugHost *host)
{
    virtplugHost h = *host;

    h.warn = testCatchWarning;
    testCaught[0] = '\0';
    return h;
}

int
testLoaderInit(const virtplugHost *host, testLoader *loader, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;

    loader->budget = TEST_NODE_READ_CAP;
    loader->ndomains = 0;
    if ((loader->dir = malloc(n + 1)) == NULL) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot allocate the node loader");
        return -1;
    }
    memcpy(loader->dir, path, n);
    loader->dir[n] = '\0';
    return 0;
}

void
testLoaderClear(testLoader *loader)
{
    free(loader->dir);
    loader->dir = NULL;
}

/* `file` as an absolute path: included files are relative to the directory
 * of the node file, as in libvirt.  Caller frees. */
static char *
testLoaderPath(const testLoader *loader, const char *file)
{
    if (file[0] == '/' || !loader->dir)
        return strdup(file);
    return vpPathJoin(loader->dir, file);
}

xmlDocPtr
testLoaderReadXml(const virtplugHost *host,
                  testLoader *loader, const char *file, const char *root_name,
                  xmlNodePtr *root)
{
    virtplugHost catching = testCatchingHost(host);
    char *path = testLoaderPath(loader, file);
    char *buf = NULL;
    size_t len = 0;
    vpFileStatus st;
    xmlDocPtr doc = NULL;
    xmlNodePtr top;

    *root = NULL;
    if (!path) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_NO_MEMORY, "%s",
                          "cannot build a file name");
        return NULL;
    }

    /* The user named these files: a symlink is followed, as libvirt does. */
    st = vpFileRead(&catching, VIR_FROM_TEST, AT_FDCWD, path, true,
                    loader->budget, &buf, &len);
    if (st == VP_FILE_MISSING) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                          "failed to parse xml document '%s'", path);
        goto cleanup;
    }
    if (st != VP_FILE_OK) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                          "failed to parse xml document '%s': %s", path,
                          testCaught[0] ? testCaught : "cannot read it");
        goto cleanup;
    }
    loader->budget -= len;

    if ((doc = vpXmlParse(&catching, VIR_FROM_TEST, buf, len, path)) == NULL) {
        host->reportError(VIR_FROM_TEST, VIR_ERR_XML_DETAIL, "%s",
                          testCaught[0] ? testCaught : path);
        goto cleanup;
    }

    /* libvirt compares the root's local name only. */
    top = xmlDocGetRootElement(doc);
    if (!top || strcmp((const char *)top->name, root_name) != 0) {
        host->reportError(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                          "expecting root element of '%s', not '%s'",
                          root_name, top ? (const char *)top->name : "");
        xmlFreeDoc(doc);
        doc = NULL;
        goto cleanup;
    }
    *root = top;

 cleanup:
    free(buf);
    free(path);
    return doc;
}
