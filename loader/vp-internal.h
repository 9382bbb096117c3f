/*
 * vp-internal.h: declarations shared by the loader's source files.
 *
 * Nothing here is part of any installed header: backends see the core only
 * through plugin-api/virtplug-backend.h, clients only through virtplug.h.
 */
#ifndef VP_INTERNAL_H
#define VP_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>

#include <virtplug/virtplug.h>
#include "virtplug-backend.h"
#include "vp-uuid.h"

/* The library is built with -fvisibility=hidden; only functions marked
 * VP_PUBLIC (and listed in libvirtplug.syms) are exported. */
#define VP_PUBLIC __attribute__((visibility("default")))

#define VP_ATTR_PRINTF(fmtpos, argpos) \
    __attribute__((format(printf, fmtpos, argpos)))

/* ---- errors.c ----------------------------------------------------------- */

/* Sets the calling thread's last error: `detail` goes after libvirt's text
 * for `code`.  detail may be NULL. */
void vpErrorReport(int from, int code, const char *fmt, ...)
    VP_ATTR_PRINTF(3, 4);
void vpErrorReportV(int from, int code, const char *fmt, va_list ap)
    VP_ATTR_PRINTF(3, 0);
/* Sets an error whose message is the formatted text alone, the way
 * libvirt's argument checks (virReportInvalidArg, virCheckFlags) do. */
void vpErrorReportPlain(int from, int code, const char *fmt, ...)
    VP_ATTR_PRINTF(3, 4);
void vpErrorReportOOM(void);
/* Delivers a warning to the handler; the last error is left alone. */
void vpWarnV(int from, const char *fmt, va_list ap) VP_ATTR_PRINTF(2, 0);
/* The end of a failed public call: makes sure an error is set, copies it
 * into conn (may be NULL) and hands it to the error handler. */
void vpErrorDispatch(virConnectPtr conn);
/* Deep copy between error objects; returns 0 or -1 on OOM. */
int vpErrorCopy(virErrorPtr to, const virError *from);

/* Public-entry argument checks, shaped like libvirt's: INVALID_ARG with
 * the bare text ("ids in virConnectListDomains must not be NULL"). */
#define vpReportInvalidArg(...) \
    vpErrorReportPlain(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __VA_ARGS__)
/* The unknown bits only, as libvirt's virCheckFlags does. */
#define vpCheckFlags(flags, allowed, func) \
    ((flags) & ~(unsigned int)(allowed) ? \
     (vpErrorReportPlain(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, \
                    "unsupported flags (0x%x) in function %s", \
                    (unsigned int)((flags) & ~(unsigned int)(allowed)), \
                    func), -1) : 0)

/* ---- module-loader.c ---------------------------------------------------- */

/* One file of the backend directory, loaded or skipped. */
typedef struct {
    char *path;
    char *name;                /* NULL when skipped before the descriptor */
    unsigned int abi;          /* declared ABI, 0 if unknown */
    char *error;               /* why it was skipped; NULL when loaded */
    bool loaded;
    virtplugBackend desc;      /* zero-extended copy of the module's own */
} vpModule;

/* Scans the backend directory once per process; returns the modules in
 * file-name order.  The array lives until the process exits. */
const vpModule *vpModulesGet(size_t *count);
const char *vpModuleDir(void);

/* ---- host-table.c ------------------------------------------------------- */

extern const virtplugHost vpHostTable;

/* ---- domain-sink.c ------------------------------------------------------ */

struct _virtplugDomainRecord {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virtplugDomainInfo info;
    char *title;
    char *description;
};

/* A growable set of records, unique by name and by UUID.  Safe to fill from
 * several backend threads at once. */
struct _virtplugDomainSink {
    pthread_mutex_t lock;
    unsigned int need;
    virtplugDomainRecord **recs;
    size_t nrecs;
    size_t caprecs;
    size_t *byName;            /* open-addressing index + 1, 0 = empty */
    size_t *byUUID;
    size_t nslots;             /* power of two, > 2 * nrecs */
};

void vpSinkInit(virtplugDomainSink *sink, unsigned int need);
void vpSinkClear(virtplugDomainSink *sink);
virtplugDomainRecord *vpSinkAdd(virtplugDomainSink *sink, const char *name,
                                const unsigned char uuid[VIR_UUID_BUFLEN]);
int vpRecordSetText(virtplugDomainRecord *rec, virtplugAttr which,
                    const char *text);

/* ---- handle-registry.c -------------------------------------------------- */

/* The set of live connection and domain pointers.  A pointer not in it
 * (NULL, freed, or bogus) is refused without being dereferenced. */
typedef enum { VP_HANDLE_CONN = 1, VP_HANDLE_DOMAIN = 2 } vpHandleKind;

void vpRegistryLock(void);
void vpRegistryUnlock(void);
/* With the registry locked. */
bool vpRegistryHas(const void *ptr, vpHandleKind kind);
int vpRegistryAdd(const void *ptr, vpHandleKind kind);
void vpRegistryRemove(const void *ptr);

/* ---- connect.c ---------------------------------------------------------- */

struct _virConnect {
    int refs;                  /* under the registry lock */
    const vpModule *module;
    void *priv;
    char *uri;
    pthread_mutex_t errLock;
    virError err;              /* the last error dispatched on this conn */
};

/* Checks conn and takes a reference for the duration of a call; reports
 * INVALID_CONN naming `func` and returns -1 on a bad pointer. */
int vpConnectAcquire(virConnectPtr conn, const char *func);
/* Drops a reference taken by vpConnectAcquire or held by a domain. */
void vpConnectRelease(virConnectPtr conn);
const virtplugBackend *vpConnectBackend(virConnectPtr conn);

/* ---- domain.c ----------------------------------------------------------- */

struct _virDomain {
    int refs;                  /* under the registry lock */
    virConnectPtr conn;        /* holds a reference */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    pthread_mutex_t lock;      /* guards info, title, description */
    virtplugDomainInfo info;   /* what was known at creation, then cached */
    char *title;
    char *description;
};

/* A new handle from a record (takes a conn reference); NULL on OOM. */
virDomainPtr vpDomainNew(virConnectPtr conn, const virtplugDomainRecord *rec);
/* Like vpConnectAcquire, for domains (also holds the domain's conn). */
int vpDomainAcquire(virDomainPtr dom, const char *func);
void vpDomainRelease(virDomainPtr dom);
/* Makes sure `attrs` are known for dom, asking the backend once for the
 * missing ones; then copies the info out.  Returns 0, or -1 with an error
 * (VIR_ERR_NO_DOMAIN if the domain is gone). */
int vpDomainGetInfo(virDomainPtr dom, unsigned int attrs,
                    virtplugDomainInfo *info, char **text);

/* ---- filter.c ----------------------------------------------------------- */

#define VP_LIST_FLAGS_ALL 0xffffu

/* The groups (ATTR bits) that have a bit set in flags. */
unsigned int vpFilterGroups(unsigned int flags);
/* Checks flags for listing on `backend`; reports and returns -1. */
int vpFilterCheck(const virtplugBackend *backend, unsigned int flags,
                  const char *func);
/* libvirt's predicate: does a record with this info match flags? */
bool vpFilterMatch(const virtplugDomainInfo *info, unsigned int flags);
/* ATTR_ACTIVE plus every group that has a bit set in flags. */
unsigned int vpFilterNeed(unsigned int flags);
/* Reports INTERNAL_ERROR if the backend left out an attribute in need. */
int vpFilterCheckRecord(const virtplugBackend *backend,
                        const virtplugDomainRecord *rec, unsigned int need);
/* Lists conn's domains into sink (set up with vpFilterNeed(flags)) and
 * moves the matching records to the front of sink->recs, in backend order.
 * Returns how many match, or -1 with an error. */
int vpFilterCollect(virConnectPtr conn, unsigned int flags,
                    virtplugDomainSink *sink, const char *func);

/* ---- uri.c -------------------------------------------------------------- */

typedef struct {
    virtplugURI uri;           /* what backends see; strings below */
    char *text;                /* the URI after alias resolution */
    char *scheme;
    char *server;
    char *path;
    virtplugURIParam *params;  /* names/values malloc'd */
} vpParsedURI;

/* Parses name (after alias resolution) into out; reports libvirt-like
 * errors and returns -1.  Release with vpURIClear. */
int vpURIParse(const char *name, vpParsedURI *out);
void vpURIClear(vpParsedURI *uri);
const char *vpURIParam(const virtplugURI *uri, const char *name);

#endif /* VP_INTERNAL_H */
