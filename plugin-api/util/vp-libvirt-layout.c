/*
 * vp-libvirt-layout.c: libvirt's state directories for one driver.
 */
#include <config.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <virtplug/vp-file.h>
#include <virtplug/vp-libvirt-layout.h>

void
vpLibvirtPathsFree(vpLibvirtPaths *paths)
{
    if (!paths)
        return;
    free(paths->config_dir);
    free(paths->autostart_dir);
    free(paths->status_dir);
    free(paths->save_dir);
    free(paths->snapshot_dir);
    free(paths->checkpoint_dir);
    free(paths->run_base);
    free(paths);
}

/* The user's home directory: $HOME, else the password database. */
static const char *
vpHomeDir(void)
{
    const char *home = secure_getenv("HOME");
    struct passwd *pw;

    if (home && home[0] == '/')
        return home;
    pw = getpwuid(getuid());
    return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

/* $VAR if set to an absolute path, else HOME/fallback; malloc'd or NULL
 * (*nohome tells the two failures apart). */
static char *
vpXdgDir(const char *var, const char *fallback, bool *nohome)
{
    const char *val = secure_getenv(var);
    const char *home;

    if (val && val[0] == '/')
        return strdup(val);
    if (!(home = vpHomeDir())) {
        *nohome = true;
        return NULL;
    }
    return vpPathJoin(home, fallback);
}

/* Fills the six directories from the config, status and lib bases. */
static int
vpLibvirtPathsSet(vpLibvirtPaths *p, const char *config, const char *status,
                  const char *lib)
{
    p->config_dir = strdup(config);
    p->autostart_dir = vpPathJoin(config, "autostart");
    p->status_dir = strdup(status);
    p->save_dir = vpPathJoin(lib, "save");
    p->snapshot_dir = vpPathJoin(lib, "snapshot");
    p->checkpoint_dir = vpPathJoin(lib, "checkpoint");
    if (!p->config_dir || !p->autostart_dir || !p->status_dir ||
        !p->save_dir || !p->snapshot_dir || !p->checkpoint_dir)
        return -1;
    p->layout.config_dir = p->config_dir;
    p->layout.autostart_dir = p->autostart_dir;
    p->layout.status_dir = p->status_dir;
    p->layout.save_dir = p->save_dir;
    p->layout.snapshot_dir = p->snapshot_dir;
    p->layout.checkpoint_dir = p->checkpoint_dir;
    return 0;
}

static int
vpLibvirtSession(vpLibvirtPaths *p, const char *driver, bool *nohome)
{
    char *cfgbase = vpXdgDir("XDG_CONFIG_HOME", ".config", nohome);
    const char *rt = secure_getenv("XDG_RUNTIME_DIR");
    char *config = NULL, *status = NULL;
    int ret = -1;

    /* GLib's user runtime dir falls back to the user cache dir. */
    p->run_base = rt && rt[0] == '/' ? strdup(rt) :
        vpXdgDir("XDG_CACHE_HOME", ".cache", nohome);
    if (!cfgbase || !p->run_base)
        goto cleanup;
    if (asprintf(&config, "%s/libvirt/%s", cfgbase, driver) < 0) {
        config = NULL;
        goto cleanup;
    }
    if (asprintf(&status, "%s/libvirt/%s/run", p->run_base, driver) < 0) {
        status = NULL;
        goto cleanup;
    }
    /* save, snapshot and checkpoint live under the config directory. */
    ret = vpLibvirtPathsSet(p, config, status, config);

 cleanup:
    free(cfgbase);
    free(config);
    free(status);
    return ret;
}

static int
vpLibvirtUnderRoot(vpLibvirtPaths *p, const char *root, const char *driver,
                   bool embed)
{
    /* system: etc/libvirt/D, run/libvirt/D, var/lib/libvirt/D;
     * embed:  etc/D, run/D, lib/D. */
    const char *sub = embed ? "" : "/libvirt";
    const char *libbase = embed ? "lib" : "var/lib";
    char *config = NULL, *status = NULL, *lib = NULL;
    int ret = -1;

    if (asprintf(&config, "%s/etc%s/%s", root, sub, driver) < 0)
        config = NULL;
    else if (asprintf(&status, "%s/run%s/%s", root, sub, driver) < 0)
        status = NULL;
    else if (asprintf(&lib, "%s/%s%s/%s", root, libbase, sub, driver) < 0)
        lib = NULL;
    else if (asprintf(&p->run_base, "%s/run", root) < 0)
        p->run_base = NULL;
    else
        ret = vpLibvirtPathsSet(p, config, status, lib);
    free(config);
    free(status);
    free(lib);
    return ret;
}

vpLibvirtPaths *
vpLibvirtPathsNew(const virtplugHost *host, int from, const char *root,
                  const char *driver, vpLibvirtMode mode)
{
    vpLibvirtPaths *p = calloc(1, sizeof(*p));
    char *rootdir = NULL;
    bool nohome = false;
    size_t n;
    int rc;

    if (!p)
        goto nomem;
    /* "/" is this host (""); "/h/" is "/h". */
    n = root ? strlen(root) : 0;
    while (n > 0 && root[n - 1] == '/')
        n--;
    if (!(rootdir = strndup(root ? root : "", n)))
        goto nomem;

    if (mode == VP_LIBVIRT_SESSION)
        rc = vpLibvirtSession(p, driver, &nohome);
    else
        rc = vpLibvirtUnderRoot(p, rootdir, driver, mode == VP_LIBVIRT_EMBED);
    if (rc < 0) {
        if (nohome) {
            host->reportError(from, VIR_ERR_INTERNAL_ERROR, "%s",
                              "cannot determine the user's home directory");
            goto error;
        }
        goto nomem;
    }
    /* The live host, a session and an embed root (its guests run here)
     * have pids that mean something; a copied system tree has not. */
    p->layout.check_pids = mode != VP_LIBVIRT_SYSTEM || !rootdir[0];
    p->layout.error_from = from;
    free(rootdir);
    return p;

 nomem:
    host->reportError(from, VIR_ERR_NO_MEMORY, "%s",
                      "computing libvirt's state directories");
 error:
    free(rootdir);
    vpLibvirtPathsFree(p);
    return NULL;
}
