/*
 * qemu-version.c: the hypervisor version of a qemu: connection.
 *
 * libvirt's QEMU driver answers virConnectGetVersion with the version of
 * the QEMU binary for the host's architecture, which it probes once and
 * keeps in its capabilities cache (one <qemuCaps> file per binary, with
 * <emulator>, <arch> and <version>).  The cache is read here; nothing is
 * run.  When several binaries serve the architecture, the one named
 * qemu-system-ARCH wins, as it is libvirt's first choice.
 */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <virtplug/vp-parse.h>
#include <virtplug/vp-xml.h>
#include "qemu-backend.h"

/* libvirt's name of the host architecture (uname's, except i?86). */
static void
qemuHostArch(char *arch, size_t len)
{
    struct utsname u;

    if (uname(&u) < 0) {
        arch[0] = '\0';
        return;
    }
    if (u.machine[0] == 'i' && strcmp(u.machine + 2, "86") == 0)
        snprintf(arch, len, "i686");
    else
        snprintf(arch, len, "%s", u.machine);
}

/* 2 when this cache file is for qemu-system-ARCH, 1 for another binary of
 * ARCH, 0 otherwise; *version is set when > 0. */
static int
qemuCapsFileRank(const virtplugHost *host, const char *path, const char *arch,
                 unsigned long *version)
{
    char *buf = NULL, *a = NULL, *v = NULL, *emu = NULL;
    size_t len;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    const char *base;
    unsigned long long val;
    int rank = 0;

    if (vpFileRead(host, VIR_FROM_QEMU, AT_FDCWD, path, false,
                   VP_FILE_XML_CAP, &buf, &len) != VP_FILE_OK ||
        !(doc = vpXmlParse(host, VIR_FROM_QEMU, buf, len, path)) ||
        !(root = xmlDocGetRootElement(doc)) ||
        xmlStrcmp(root->name, BAD_CAST "qemuCaps") != 0)
        goto cleanup;
    a = vpXmlChildText(root, "arch");
    v = vpXmlChildText(root, "version");
    emu = vpXmlChildText(root, "emulator");
    if (!a || !v || strcmp(a, arch) != 0)
        goto cleanup;
    if (vpParseULongLong(v, ULONG_MAX, &val) < 0)
        goto cleanup;
    *version = val;
    base = emu ? strrchr(emu, '/') : NULL;
    base = base ? base + 1 : emu;
    rank = base && strncmp(base, "qemu-system-", 12) == 0 &&
        strcmp(base + 12, arch) == 0 ? 2 : 1;

 cleanup:
    if (doc)
        xmlFreeDoc(doc);
    free(buf);
    free(a);
    free(v);
    free(emu);
    return rank;
}

int
qemuConnectGetVersion(const virtplugHost *host, void *priv,
                      unsigned long *version)
{
    qemuConn *conn = priv;
    char arch[65];
    DIR *dir;
    struct dirent *ent;
    int best = 0;

    *version = 0;
    qemuHostArch(arch, sizeof(arch));
    if (!arch[0] || !(dir = opendir(conn->caps_dir)))
        return 0;
    while (best < 2 && (ent = readdir(dir))) {
        unsigned long v = 0;
        char *path;
        int rank;

        if (!vpHasSuffix(ent->d_name, ".xml") ||
            !(path = vpPathJoin(conn->caps_dir, ent->d_name)))
            continue;
        rank = qemuCapsFileRank(host, path, arch, &v);
        free(path);
        if (rank > best) {
            best = rank;
            *version = v;
        }
    }
    closedir(dir);
    return 0;
}
