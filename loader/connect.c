/*
 * connect.c: opening a URI on the backend that claims it, and the life of
 * a connection.
 *
 * A connection holds one backend's private data.  It is reference counted:
 * virConnectRef, every domain handle, and every call in progress hold a
 * reference, so the backend's close() runs once, after the last user.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend-package.h"
#include "connect.h"
#include "errors.h"
#include "handle-registry.h"
#include "host-table.h"
#include "module-loader.h"
#include "probe-api.h"
#include "uri.h"
#include "vp-export.h"

/* What virConnectGetLibVersion and virGetVersion report.  The libvirt.so.0
 * drop-in reports the libvirt API level it implements, so that clients'
 * version checks take the paths written for that API. */
#ifdef VP_LIBVIRT_DROPIN
# define VP_LIB_VERSION 9000000UL
#else
# define VP_LIB_VERSION ((unsigned long)VIRTPLUG_VERSION_NUMBER)
#endif

int
vpConnectAcquire(virConnectPtr conn, const char *func)
{
    int ok;

    vpRegistryLock();
    if ((ok = vpRegistryHas(conn, VP_HANDLE_CONN) && conn->refs > 0))
        conn->refs++;
    vpRegistryUnlock();
    if (!ok) {
        vpErrorReport(VIR_FROM_DOMAIN, VIR_ERR_INVALID_CONN, "%s", func);
        return -1;
    }
    return 0;
}

static void
vpConnectDestroy(virConnectPtr conn)
{
    conn->module->desc.close(&vpHostTable, conn->priv);
    free(conn->uri);
    vpErrorSlotDestroy(&conn->err);
    free(conn);
}

/* Drops one reference if conn is live; returns the references left, or -1
 * for a pointer that is not a live connection.  The check and the drop are
 * one step, so two racing closes of the last reference cannot both free. */
static int
vpConnectUnref(virConnectPtr conn)
{
    int left = -1;

    vpRegistryLock();
    if (vpRegistryHas(conn, VP_HANDLE_CONN) && conn->refs > 0) {
        left = --conn->refs;
        if (left == 0)
            vpRegistryRemove(conn);
    }
    vpRegistryUnlock();
    if (left == 0)
        vpConnectDestroy(conn);
    return left;
}

void
vpConnectRelease(virConnectPtr conn)
{
    if (conn)
        vpConnectUnref(conn);
}

const virtplugBackend *
vpConnectBackend(virConnectPtr conn)
{
    return &conn->module->desc;
}

static bool
vpModuleHasScheme(const vpModule *mod, const char *scheme)
{
    size_t i;

    for (i = 0; mod->desc.uri_schemes[i]; i++) {
        if (strcmp(mod->desc.uri_schemes[i], scheme) == 0)
            return true;
    }
    return false;
}

/* The "no backend for this URI" error, saying what is missing and why
 * modules that might have served it were skipped. */
static void
vpReportNoBackend(const char *uri, const char *scheme, bool declined,
                  const vpModule *mods, size_t nmods)
{
    char *skipped = NULL;
    char *package;
    size_t len = 0;
    FILE *fp;
    size_t i;

    if (declined) {
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_CONNECT, "%s", uri);
        return;
    }
    if (!(fp = open_memstream(&skipped, &len))) {
        vpErrorReportOOM();
        return;
    }
    for (i = 0; i < nmods; i++) {
        if (mods[i].loaded)
            continue;
        fprintf(fp, "%s%s (%s)", ftell(fp) ? ", " : "; skipped: ",
                mods[i].path, mods[i].error ? mods[i].error : "skipped");
    }
    if (fclose(fp) != 0 || !skipped) {
        free(skipped);
        vpErrorReportOOM();
        return;
    }
    package = vpBackendPackage(scheme);
    vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                  "%s: the %s backend is not installed (no module in %s "
                  "provides scheme '%s')%s%s%s%s", uri, scheme, vpModuleDir(),
                  scheme, package ? "; the package " : "",
                  package ? package : "", package ? " provides it" : "",
                  skipped);
    free(package);
    free(skipped);
}

/* The URI to use when the caller gave none. */
static const char *
vpConnectDefaultURI(const vpModule *mods, size_t nmods)
{
    const char *env = secure_getenv("VIRTPLUG_DEFAULT_URI");
    const vpModule *best;
    bool *tried;

    if (env && *env)
        return env;
    if (!(tried = calloc(nmods + 1, sizeof(*tried)))) {
        vpErrorReportOOM();
        return NULL;
    }
    while ((best = vpProbeNext(mods, nmods, tried))) {
        if (best->desc.probe(&vpHostTable, best->desc.data) == 1) {
            free(tried);
            return best->desc.probe_uri;
        }
    }
    free(tried);
    vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                  "no connection URI given and no installed backend found "
                  "its hypervisor on this host; pass one with -c, e.g. "
                  "-c test:///default");
    return NULL;
}

static virConnectPtr
vpConnectNew(const vpModule *mod, void *priv, char *canonical,
             const char *given)
{
    virConnectPtr conn = calloc(1, sizeof(*conn));

    if (!conn)
        goto nomem;
    conn->refs = 1;
    conn->module = mod;
    conn->priv = priv;
    vpErrorSlotInit(&conn->err);
    if (canonical) {
        conn->uri = canonical;
        canonical = NULL;
    } else if (!(conn->uri = strdup(given))) {
        goto nomem;
    }
    vpRegistryLock();
    if (vpRegistryAdd(conn, VP_HANDLE_CONN) < 0) {
        vpRegistryUnlock();
        goto nomem;
    }
    vpRegistryUnlock();
    return conn;

 nomem:
    vpErrorReportOOM();
    if (conn) {
        free(conn->uri);
        vpErrorSlotDestroy(&conn->err);
        free(conn);
    }
    free(canonical);
    mod->desc.close(&vpHostTable, priv);
    return NULL;
}

/* Asks one module to open the URI.  Returns true when it answered (then
 * *conn is the connection, or NULL with the error set), false when it
 * declined. */
static bool
vpConnectTry(const vpModule *mod, vpParsedURI *uri, unsigned int flags,
             virConnectPtr *conn)
{
    void *priv = NULL;
    char *canonical = NULL;
    virtplugOpenStatus st;

    *conn = NULL;
    virResetLastError();
    st = mod->desc.open(&vpHostTable, mod->desc.data, &uri->uri, flags, &priv,
                        &canonical);
    if (st == VIRTPLUG_OPEN_DECLINED) {
        free(canonical);
        return false;
    }
    if (st != VIRTPLUG_OPEN_SUCCESS) {
        free(canonical);
        if (!virGetLastError())
            vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                          "the %s backend failed to open %s",
                          mod->desc.name, uri->text);
        return true;
    }
    *conn = vpConnectNew(mod, priv, canonical, uri->text);
    return true;
}

static virConnectPtr
vpConnectOpenInternal(const char *name, unsigned int flags)
{
    size_t nmods, i;
    const vpModule *mods;
    const vpModule *mod;
    vpParsedURI uri;
    bool claimed = false;
    virConnectPtr conn = NULL;

    if (!name || !*name) {
        mods = vpModulesGet(&nmods);
        if (!(name = vpConnectDefaultURI(mods, nmods)))
            return NULL;
    }
    if (vpURIParse(name, &uri) < 0)
        return NULL;

    /* The module named after the scheme first, alone: a connection then
     * loads only the module that serves it (and that module's libraries),
     * not every backend installed. */
    if ((mod = vpModuleForScheme(uri.scheme)) &&
        vpConnectTry(mod, &uri, flags, &conn))
        goto cleanup;

    mods = vpModulesGet(&nmods);
    for (i = 0; i < nmods; i++) {
        if (!mods[i].loaded || !vpModuleHasScheme(&mods[i], uri.scheme))
            continue;
        claimed = true;
        if (vpConnectTry(&mods[i], &uri, flags, &conn))
            goto cleanup;
    }
    vpReportNoBackend(uri.text, uri.scheme, claimed, mods, nmods);

 cleanup:
    vpURIClear(&uri);
    return conn;
}

/* ---- public API ---------------------------------------------------------- */

VP_PUBLIC int
virInitialize(void)
{
    size_t n;

    vpModulesGet(&n);
    return 0;
}

/* virtplug only ever reads, but a connection remembers whether the client
 * asked for read-only access: libvirt refuses some requests (secure XML)
 * on such a connection only. */
static virConnectPtr
vpConnectOpenAs(const char *name, bool readonly)
{
    virConnectPtr conn;

    virResetLastError();
    if (!(conn = vpConnectOpenInternal(name, VIRTPLUG_OPEN_READONLY)))
        vpErrorDispatchTo(NULL);
    else
        conn->readonly = readonly;
    return conn;
}

VP_PUBLIC virConnectPtr
virConnectOpen(const char *name)
{
    return vpConnectOpenAs(name, false);
}

VP_PUBLIC virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    return vpConnectOpenAs(name, true);
}

/* No URI virtplug serves needs credentials, so auth is never used: the
 * same as libvirt with a local driver. */
static virConnectAuth vpAuthDefault;
VP_PUBLIC virConnectAuthPtr virConnectAuthPtrDefault = &vpAuthDefault;

VP_PUBLIC virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                   unsigned int flags)
{
    (void)auth;
    return vpConnectOpenAs(name, (flags & VIR_CONNECT_RO) != 0);
}

VP_PUBLIC int
virConnectRef(virConnectPtr conn)
{
    virResetLastError();
    if (vpConnectAcquire(conn, "virConnectRef") < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    return 0;
}

VP_PUBLIC int
virConnectClose(virConnectPtr conn)
{
    int left;

    virResetLastError();
    if ((left = vpConnectUnref(conn)) < 0) {
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_INVALID_CONN, "%s",
                      "virConnectClose");
        vpErrorDispatchTo(NULL);
    }
    return left;
}

VP_PUBLIC const char *
virConnectGetType(virConnectPtr conn)
{
    const char *ret;

    virResetLastError();
    if (vpConnectAcquire(conn, "virConnectGetType") < 0) {
        vpErrorDispatchTo(NULL);
        return NULL;
    }
    ret = conn->module->desc.hv_type;
    vpConnectRelease(conn);
    return ret;
}

VP_PUBLIC char *
virConnectGetURI(virConnectPtr conn)
{
    char *ret;

    virResetLastError();
    if (vpConnectAcquire(conn, "virConnectGetURI") < 0) {
        vpErrorDispatchTo(NULL);
        return NULL;
    }
    if (!(ret = strdup(conn->uri))) {
        vpErrorReportOOM();
        vpErrorDispatch(conn);
    }
    vpConnectRelease(conn);
    return ret;
}

VP_PUBLIC int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    virResetLastError();
    if (vpConnectAcquire(conn, "virConnectGetLibVersion") < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    if (!libVer) {
        vpReportInvalidArg("%s in %s must not be NULL", "libVer",
                           "virConnectGetLibVersion");
        vpErrorDispatch(conn);
        vpConnectRelease(conn);
        return -1;
    }
    *libVer = VP_LIB_VERSION;
    vpConnectRelease(conn);
    return 0;
}

VP_PUBLIC int
virConnectIsAlive(virConnectPtr conn)
{
    virResetLastError();
    if (vpConnectAcquire(conn, "virConnectIsAlive") < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    vpConnectRelease(conn);
    return 1;
}

VP_PUBLIC int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    size_t nmods, i;
    const vpModule *mods;

    virResetLastError();
    if (libVer)
        *libVer = VP_LIB_VERSION;
    if (!typeVer)
        return 0;

    mods = vpModulesGet(&nmods);
    if (!type) {
        /* libvirt answers for its default driver; ours is the first one. */
        *typeVer = 0;
        for (i = 0; i < nmods; i++) {
            if (mods[i].loaded) {
                *typeVer = mods[i].desc.hv_version;
                break;
            }
        }
        return 0;
    }
    for (i = 0; i < nmods; i++) {
        if (mods[i].loaded &&
            (strcasecmp(mods[i].desc.hv_type, type) == 0 ||
             strcasecmp(mods[i].desc.name, type) == 0)) {
            *typeVer = mods[i].desc.hv_version;
            return 0;
        }
    }
    vpErrorReport(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s", type);
    vpErrorDispatchTo(NULL);
    return -1;
}
