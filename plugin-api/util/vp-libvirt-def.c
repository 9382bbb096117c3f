/*
 * vp-libvirt-def.c: figures and text of a libvirt <domain> definition, and
 * the domainDoc answer for libvirt's state directories.
 */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-libvirt-def.h>
#include <virtplug/vp-parse.h>
#include <virtplug/vp-xml.h>

void
vpDomainDocClear(virtplugDomainDoc *doc)
{
    free(doc->xml);
    free(doc->os_type);
    memset(doc, 0, sizeof(*doc));
}

/* ---- figures ------------------------------------------------------------- */

/* libvirt's memory units (virScaleInteger): bytes per unit, 0 if unknown. */
static unsigned long long
vpDefUnitScale(const char *unit)
{
    static const struct { const char *name; unsigned long long bytes; } units[] = {
        { "b", 1 }, { "bytes", 1 },
        { "KB", 1000ull }, { "k", 1024ull }, { "KiB", 1024ull },
        { "MB", 1000ull * 1000 }, { "m", 1024ull * 1024 },
        { "MiB", 1024ull * 1024 },
        { "GB", 1000ull * 1000 * 1000 }, { "g", 1024ull * 1024 * 1024 },
        { "GiB", 1024ull * 1024 * 1024 },
        { "TB", 1000ull * 1000 * 1000 * 1000 },
        { "t", 1024ull * 1024 * 1024 * 1024 },
        { "TiB", 1024ull * 1024 * 1024 * 1024 },
        { "PB", 1000ull * 1000 * 1000 * 1000 * 1000 },
        { "p", 1024ull * 1024 * 1024 * 1024 * 1024 },
        { "PiB", 1024ull * 1024 * 1024 * 1024 * 1024 },
    };
    size_t i;

    if (!unit || !*unit)
        return 1024;
    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        /* libvirt accepts "k", "K", "kib", ... case-insensitively, except
         * that the decimal units are spelled with a capital B. */
        if (strcasecmp(unit, units[i].name) == 0)
            return units[i].bytes;
    }
    return 0;
}

/* An element's scaled value in KiB (rounded up); 0 absent, 1 read, -1 bad. */
static int
vpDefMemory(const virtplugHost *host, int from, xmlNodePtr parent,
            const char *name, unsigned long long *kib)
{
    xmlNodePtr node = vpXmlChild(parent, name);
    char *text, *unit;
    unsigned long long val, scale;
    int ret = -1;

    if (!node)
        return 0;
    text = vpXmlNodeText(node);
    unit = vpXmlProp(node, "unit");
    scale = vpDefUnitScale(unit);
    if (vpParseULongLong(text, ULLONG_MAX, &val) < 0 || !scale) {
        host->reportError(from, VIR_ERR_XML_ERROR,
                          "malformed %s value '%s'", name, text ? text : "");
        goto cleanup;
    }
    if (val > ULLONG_MAX / scale) {
        host->reportError(from, VIR_ERR_XML_ERROR, "%s value too large", name);
        goto cleanup;
    }
    val *= scale;
    *kib = val / 1024 + (val % 1024 ? 1 : 0);
    ret = 1;

 cleanup:
    free(text);
    free(unit);
    return ret;
}

static int
vpDefUInt(const char *text, unsigned int *out)
{
    unsigned long long v;

    /* libvirt's virStrToLong_uip after its own check for a digit first */
    if (!text || !isdigit((unsigned char)text[0]) ||
        vpParseULongLong(text, UINT_MAX, &v) < 0)
        return -1;
    *out = (unsigned int)v;
    return 0;
}

int
vpLibvirtDefFigures(const virtplugHost *host, int from, xmlNodePtr domain,
                    virtplugDomainDoc *doc)
{
    xmlNodePtr vcpu, os, type;
    int rc;

    doc->max_memory = doc->memory = 0;
    if (vpDefMemory(host, from, domain, "memory", &doc->max_memory) < 0)
        return -1;
    if ((rc = vpDefMemory(host, from, domain, "currentMemory",
                          &doc->memory)) < 0)
        return -1;
    /* libvirt: no current value, or one above the maximum, is the maximum */
    if (rc == 0 || doc->memory > doc->max_memory)
        doc->memory = doc->max_memory;

    doc->vcpus = doc->max_vcpus = 1;
    if ((vcpu = vpXmlChild(domain, "vcpu"))) {
        char *text = vpXmlNodeText(vcpu);
        char *cur = vpXmlProp(vcpu, "current");
        char *trimmed = text;
        int bad;

        while (trimmed && isspace((unsigned char)*trimmed))
            trimmed++;
        bad = vpDefUInt(trimmed, &doc->max_vcpus) < 0;
        doc->vcpus = doc->max_vcpus;
        if (!bad && cur)
            bad = vpDefUInt(cur, &doc->vcpus) < 0;
        if (bad)
            host->reportError(from, VIR_ERR_XML_ERROR, "%s",
                              "maximum vcpus count must be an integer");
        free(text);
        free(cur);
        if (bad)
            return -1;
    }

    free(doc->os_type);
    doc->os_type = NULL;
    if ((os = vpXmlChild(domain, "os")) && (type = vpXmlChild(os, "type")))
        doc->os_type = vpXmlNodeText(type);
    else
        doc->os_type = strdup("");
    if (!doc->os_type) {
        host->reportError(from, VIR_ERR_NO_MEMORY, "%s", "reading os type");
        return -1;
    }
    return 0;
}

/* ---- the document's text ------------------------------------------------- */

/* Skips the prolog (white space, <?...?>, comments); NULL if unterminated. */
static const char *
vpDefSkipProlog(const char *p)
{
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (strncmp(p, "<?", 2) == 0) {
            if (!(p = strstr(p, "?>")))
                return NULL;
            p += 2;
        } else if (strncmp(p, "<!--", 4) == 0) {
            if (!(p = strstr(p + 4, "-->")))
                return NULL;
            p += 3;
        } else {
            return p;
        }
    }
}

static bool
vpDefIsDomainTag(const char *p)
{
    return strncmp(p, "<domain", 7) == 0 &&
        (p[7] == ' ' || p[7] == '>' || p[7] == '\t' || p[7] == '\n');
}

/* Removes every ` passwd='...'` (or "...") attribute, in place. */
static void
vpDefDropPasswords(char *text)
{
    char *p = text;

    while ((p = strstr(p, " passwd="))) {
        char quote = p[8];
        char *end;

        if ((quote != '\'' && quote != '"') || !(end = strchr(p + 9, quote))) {
            p += 8;
            continue;
        }
        memmove(p, end + 1, strlen(end + 1) + 1);
    }
}

/* Removes the attribute ` NAME='...'` from the first tag of line `tag`
 * (a pointer into text), in place. */
static void
vpDefDropAttr(char *tag, const char *name)
{
    char pat[32], *p, *end, *close = strchr(tag, '>');

    snprintf(pat, sizeof(pat), " %s='", name);
    if (!close || !(p = strstr(tag, pat)) || p > close ||
        !(end = strchr(p + strlen(pat), '\'')))
        return;
    memmove(p, end + 1, strlen(end + 1) + 1);
}

/* A running domain's definition as libvirt formats it with
 * VIR_DOMAIN_XML_INACTIVE when it has no other (a transient domain): no
 * id, and no pty paths, which only the running QEMU gave. */
static void
vpDefLiveToInactive(char *text)
{
    static const char *const chrs[] = {
        "<serial type='pty'", "<console type='pty'", "<parallel type='pty'",
        "<channel type='pty'",
    };
    char *line, *next, *p;
    size_t i;

    vpDefDropAttr(text, "id");
    for (line = text; line && *line; line = next) {
        for (p = line; *p == ' '; p++)
            ;
        for (i = 0; i < sizeof(chrs) / sizeof(chrs[0]); i++) {
            if (strncmp(p, chrs[i], strlen(chrs[i])) == 0)
                vpDefDropAttr(p, "tty");
        }
        /* (after the line may have shrunk) */
        next = strchr(line, '\n');
        next = next ? next + 1 : NULL;
        for (i = 0; i < sizeof(chrs) / sizeof(chrs[0]); i++) {
            if (strncmp(p, chrs[i], strlen(chrs[i])) != 0)
                continue;
            /* the <source path=> line right after the opening tag */
            if (next) {
                char *q = next;

                while (*q == ' ')
                    q++;
                if (strncmp(q, "<source path='", 14) == 0 &&
                    (q = strchr(q, '\n')))
                    memmove(next, q + 1, strlen(q + 1) + 1);
            }
        }
    }
}

char *
vpLibvirtDefText(const char *buf, size_t len, unsigned int flags)
{
    const char *start, *end, *line, *p;
    size_t indent = 0, i;
    bool live = false;
    char *out, *o;

    if (strlen(buf) != len || !(start = vpDefSkipProlog(buf)))
        return NULL;
    if (!vpDefIsDomainTag(start)) {
        /* a status file: the <domain> inside <domstatus> */
        /* from start itself: start + 1 is past the end of "" */
        for (p = start; (p = strstr(p, "<domain")); p++) {
            if (vpDefIsDomainTag(p))
                break;
        }
        if (!p)
            return NULL;
        start = p;
        live = true;
    }
    for (line = start; line > buf && line[-1] == ' '; line--)
        indent++;
    for (end = NULL, p = start; (p = strstr(p, "</domain>")); p++)
        end = p;
    if (!end)
        return NULL;
    end += strlen("</domain>");

    if (!(out = malloc((size_t)(end - start) + 2)))
        return NULL;
    for (o = out, p = start; p < end; ) {
        *o++ = *p;
        if (*p++ == '\n') {
            /* the indentation <domstatus> added, where it is there */
            for (i = 0; i < indent && p < end && *p == ' '; i++)
                p++;
        }
    }
    *o++ = '\n';
    *o = '\0';
    if (!(flags & VIRTPLUG_DOC_SECURE))
        vpDefDropPasswords(out);
    if (live && (flags & VIRTPLUG_DOC_INACTIVE))
        vpDefLiveToInactive(out);
    return out;
}

/* ---- process CPU time ------------------------------------------------------ */

int
vpProcCpuTime(long long pid, unsigned long long *ns)
{
    char path[64], buf[1024], *p;
    unsigned long long utime, stime;
    long tck = sysconf(_SC_CLK_TCK);
    ssize_t n;
    int fd, field;

    if (pid <= 0 || tck <= 0)
        return -1;
    snprintf(path, sizeof(path), "/proc/%lld/stat", pid);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    /* the command name may hold anything, ')' included: fields start after
     * the last ')'; the state is field 3, utime 14, stime 15 */
    if (!(p = strrchr(buf, ')')))
        return -1;
    p++;
    for (field = 3; field < 14; field++) {
        while (*p == ' ')
            p++;
        while (*p && *p != ' ')
            p++;
        if (!*p)
            return -1;
    }
    if (sscanf(p, " %llu %llu", &utime, &stime) != 2)
        return -1;
    *ns = (utime + stime) * 1000000000ull / (unsigned long long)tck;
    return 0;
}

/* ---- libvirt's state directories --------------------------------------- */

typedef struct {
    char *buf;
    size_t len;
    xmlDocPtr xml;
    xmlNodePtr domain;   /* the <domain> element */
    long long pid;       /* status files */
} vpDefFile;

static void
vpDefFileClear(vpDefFile *f)
{
    free(f->buf);
    if (f->xml)
        xmlFreeDoc(f->xml);
    memset(f, 0, sizeof(*f));
}

/* Loads DIR/NAME.xml when it is a valid definition of the domain `uuid`
 * (status: a running one).  Returns 1, 0 when not there or not valid (a
 * warning), -1 out of memory. */
static int
vpDefLoad(const virtplugHost *host, const vpLibvirtLayout *layout,
          const char *dir, const char *name, bool status,
          const unsigned char *uuid, vpDefFile *f)
{
    char *path, *file, *text = NULL, *prop = NULL;
    xmlNodePtr root, node;
    unsigned char u[VIR_UUID_BUFLEN];
    int ret = 0;

    memset(f, 0, sizeof(*f));
    if (!dir)
        return 0;
    if (asprintf(&file, "%s.xml", name) < 0)
        return -1;
    path = vpPathJoin(dir, file);
    free(file);
    if (!path)
        return -1;
    if (vpFileRead(host, layout->error_from, AT_FDCWD, path, false,
                   VP_FILE_XML_CAP, &f->buf, &f->len) != VP_FILE_OK ||
        !(f->xml = vpXmlParse(host, layout->error_from, f->buf, f->len, path)))
        goto cleanup;
    root = xmlDocGetRootElement(f->xml);
    if (!root || xmlStrcmp(root->name, BAD_CAST (status ? "domstatus" : "domain")))
        goto cleanup;
    node = status ? vpXmlChild(root, "domain") : root;
    if (!node)
        goto cleanup;
    if (status) {
        char *state = vpXmlProp(root, "state");
        bool shutoff = !state || strcmp(state, "shutoff") == 0;
        long long pid;

        free(state);

        prop = vpXmlProp(root, "pid");
        f->pid = vpParseLongLong(prop, 1, INT_MAX, &pid) == 0 ? pid : 0;
        if (shutoff || (layout->check_pids && !vpPidAlive((pid_t)f->pid)))
            goto cleanup;
    }
    text = vpXmlNodeText(vpXmlChild(node, "name"));
    if (!text || strcmp(text, name) != 0)
        goto cleanup;
    free(text);
    text = vpXmlChildText(node, "uuid");
    if (!text || host->uuidParse(text, u) < 0 ||
        memcmp(u, uuid, VIR_UUID_BUFLEN) != 0)
        goto cleanup;
    f->domain = node;
    ret = 1;

 cleanup:
    free(text);
    free(prop);
    free(path);
    if (ret != 1)
        vpDefFileClear(f);
    return ret;
}

/* Whether snapshot metadata of NAME marks one as current: 1, 0, -1 no
 * snapshots in this driver. */
static int
vpDefCurrentSnapshot(const virtplugHost *host, const vpLibvirtLayout *layout,
                     const char *name)
{
    char *dirpath;
    DIR *dir;
    struct dirent *ent;
    int found = 0;

    if (!layout->snapshot_dir)
        return -1;
    if (!(dirpath = vpPathJoin(layout->snapshot_dir, name)))
        return 0;
    dir = opendir(dirpath);
    while (dir && !found && (ent = readdir(dir))) {
        char *path, *buf = NULL;
        size_t len;

        if (!vpHasSuffix(ent->d_name, ".xml") ||
            !(path = vpPathJoin(dirpath, ent->d_name)))
            continue;
        if (vpFileRead(host, layout->error_from, AT_FDCWD, path, false,
                       VP_FILE_XML_CAP, &buf, &len) == VP_FILE_OK &&
            strstr(buf, "<active>1</active>"))
            found = 1;
        free(buf);
        free(path);
    }
    if (dir)
        closedir(dir);
    free(dirpath);
    return found;
}

int
vpLibvirtStateDomainDoc(const virtplugHost *host,
                        const vpLibvirtLayout *layout,
                        const virtplugDomainKey *key, unsigned int flags,
                        virtplugDomainDoc *doc)
{
    vpDefFile live, config, *use;
    int rc, ret = -1;

    memset(doc, 0, sizeof(*doc));
    if (!key->name || !key->name[0] || strchr(key->name, '/') ||
        strcmp(key->name, ".") == 0 || strcmp(key->name, "..") == 0)
        return 0;
    if ((rc = vpDefLoad(host, layout, layout->status_dir, key->name, true,
                        key->uuid, &live)) < 0)
        goto nomem;
    if ((rc = vpDefLoad(host, layout, layout->config_dir, key->name, false,
                        key->uuid, &config)) < 0) {
        vpDefFileClear(&live);
        goto nomem;
    }
    if (live.domain && !((flags & VIRTPLUG_DOC_INACTIVE) && config.domain))
        use = &live;
    else if (config.domain)
        use = &config;
    else {
        ret = 0;
        goto cleanup;
    }
    if (vpLibvirtDefFigures(host, layout->error_from, use->domain, doc) < 0)
        goto cleanup;
    /* libxl's status files name no process (its driver asks libxl) */
    if (live.domain && layout->check_pids && live.pid > 0 &&
        vpProcCpuTime(live.pid, &doc->cpu_time) < 0) {
        host->reportError(layout->error_from, VIR_ERR_OPERATION_FAILED, "%s",
                          "cannot read cputime for domain");
        goto cleanup;
    }
    if ((flags & VIRTPLUG_DOC_XML) &&
        !(doc->xml = vpLibvirtDefText(use->buf, use->len, flags))) {
        host->reportError(layout->error_from, VIR_ERR_INTERNAL_ERROR,
                          "cannot format the definition of domain '%s'",
                          key->name);
        goto cleanup;
    }
    if (flags & VIRTPLUG_DOC_SNAPSHOT)
        doc->current_snapshot = vpDefCurrentSnapshot(host, layout, key->name);
    ret = 1;

 cleanup:
    if (ret != 1)
        vpDomainDocClear(doc);
    vpDefFileClear(&live);
    vpDefFileClear(&config);
    return ret;

 nomem:
    host->reportError(layout->error_from, VIR_ERR_NO_MEMORY, "%s",
                      "reading a domain definition");
    return -1;
}
