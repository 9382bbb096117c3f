/*
 * xen-autostart.c: the names of the domains in /etc/xen/auto.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include "xen-autostart.h"

/* xl configs are a few hundred bytes; anything this big is not one. */
#define XEN_CFG_CAP (1024u * 1024)
/* Plenty for any host's autostart list, and a bound on a hostile one. */
#define XEN_AUTO_MAX 4096

static bool
xenCfgIsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Parses a quoted string starting at buf[*pos] (the quote).  Returns the
 * malloc'd unescaped text and moves *pos past the closing quote, or NULL. */
static char *
xenCfgString(const char *buf, size_t len, size_t *pos)
{
    char quote = buf[*pos];
    char *out = malloc(len - *pos);
    size_t i = *pos + 1, o = 0;

    if (!out)
        return NULL;
    for (; i < len; i++) {
        char c = buf[i];

        if (c == quote) {
            out[o] = '\0';
            *pos = i + 1;
            return out;
        }
        if (c == '\n' || c == '\0')
            break;
        if (c == '\\') {
            if (++i >= len)
                break;
            c = buf[i];
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
        }
        out[o++] = c;
    }
    free(out);
    return NULL;
}

char *
xenCfgName(const char *buf, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t start;

        while (i < len && (xenCfgIsSpace(buf[i]) || buf[i] == '\n' ||
                           buf[i] == ';'))
            i++;
        start = i;
        if (i + 4 <= len && memcmp(buf + i, "name", 4) == 0) {
            i += 4;
            while (i < len && xenCfgIsSpace(buf[i]))
                i++;
            if (i < len && buf[i] == '=') {
                i++;
                while (i < len && xenCfgIsSpace(buf[i]))
                    i++;
                if (i < len && (buf[i] == '"' || buf[i] == '\''))
                    return xenCfgString(buf, len, &i);
            }
            /* "name" alone, "namex = ..." or a non-string value: not ours. */
        }
        /* Skip the rest of this statement, honouring quotes and comments. */
        for (i = start; i < len && buf[i] != '\n' && buf[i] != ';'; i++) {
            if (buf[i] == '#') {
                while (i < len && buf[i] != '\n')
                    i++;
                break;
            }
            if (buf[i] == '"' || buf[i] == '\'') {
                char q = buf[i];

                for (i++; i < len && buf[i] != q && buf[i] != '\n'; i++) {
                    if (buf[i] == '\\' && i + 1 < len)
                        i++;
                }
                if (i >= len || buf[i] == '\n')
                    break;
            }
        }
        if (i == start)
            i++;   /* always make progress */
    }
    return NULL;
}

/* Reads the config behind the auto_dir entry `fname` and returns its name
 * (malloc'd) or NULL. */
static char *
xenAutostartEntryName(const xenPriv *priv, int dirfd, const char *fname)
{
    struct stat st;
    char *path = NULL;
    char *buf = NULL;
    size_t len = 0;
    char *name = NULL;
    vpFileStatus rc;

    if (fstatat(dirfd, fname, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return NULL;
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlinkat(dirfd, fname, target, sizeof(target) - 1);

        if (n <= 0)
            return NULL;
        target[n] = '\0';
        /* An absolute target names a file of the host whose root is ours:
         * resolve it under the root, never on the machine we run on. */
        if (asprintf(&path, "%s%s%s", target[0] == '/' ? priv->root :
                     priv->auto_dir, target[0] == '/' ? "" : "/", target) < 0)
            return NULL;
        rc = vpFileRead(priv->host, VIR_FROM_LIBXL, AT_FDCWD, path, false,
                        XEN_CFG_CAP, &buf, &len);
    } else {
        if (!(path = vpPathJoin(priv->auto_dir, fname)))
            return NULL;
        rc = vpFileRead(priv->host, VIR_FROM_LIBXL, dirfd, fname, false,
                        XEN_CFG_CAP, &buf, &len);
    }
    if (rc == VP_FILE_OK) {
        name = xenCfgName(buf, len);
        if (!name)
            priv->host->warn(VIR_FROM_LIBXL, "%s: no name = \"...\" setting",
                             path);
    }
    free(buf);
    free(path);
    return name;
}

char **
xenAutostartNames(const xenPriv *priv)
{
    char **names = calloc(1, sizeof(*names));
    size_t n = 0;
    int fd;
    DIR *dir;
    struct dirent *ent;

    if (!names)
        return NULL;
    fd = open(priv->auto_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            priv->host->warn(VIR_FROM_LIBXL, "cannot read directory %s: %s",
                             priv->auto_dir, strerror(errno));
        return names;
    }
    if (!(dir = fdopendir(fd))) {
        close(fd);
        return names;
    }
    while ((ent = readdir(dir)) && n < XEN_AUTO_MAX) {
        char *name;
        char **grown;

        if (ent->d_name[0] == '.')
            continue;
        if (!(name = xenAutostartEntryName(priv, dirfd(dir), ent->d_name)))
            continue;
        if (!(grown = realloc(names, (n + 2) * sizeof(*names)))) {
            free(name);
            break;
        }
        names = grown;
        names[n++] = name;
        names[n] = NULL;
    }
    closedir(dir);
    return names;
}

bool
xenAutostartHas(char *const *names, const char *name)
{
    for (; names && *names; names++) {
        if (strcmp(*names, name) == 0)
            return true;
    }
    return false;
}

void
xenAutostartFree(char **names)
{
    char **p;

    for (p = names; p && *p; p++)
        free(*p);
    free(names);
}
