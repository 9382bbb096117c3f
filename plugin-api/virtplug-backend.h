/*
 * virtplug-backend.h: the contract between libvirtplug and a backend module.
 *
 * A backend is a shared object in the backend directory that exports exactly
 * one symbol, VIRTPLUG_BACKEND_ENTRY_SYMBOL:
 *
 *     const virtplugBackend *virtplug_backend_entry(const virtplugHost *host);
 *
 * The loader dlopen()s every *.so in the backend directory with
 * RTLD_NOW|RTLD_LOCAL, calls the entry once, and checks the descriptor it
 * returns (ABI version, struct size, name, schemes).  The module is never
 * unloaded.  A backend keeps the `host` pointer for later calls: it is the
 * only way a backend reaches the core (a backend never links against
 * libvirtplug and never includes loader headers).
 *
 * Ownership rules:
 *  - the descriptor and everything it points to are static data of the
 *    module; the core never frees them;
 *  - open() returns a private pointer that the core hands back to every
 *    other callback and finally to close(), which frees it;
 *  - domain records are allocated by the core through host->recordAdd() and
 *    belong to the sink; a backend fills them in and never frees them;
 *  - strings given to host helpers are copied; the backend keeps its own.
 *
 * Threads: after open() returns, the core may call listAllDomains() and
 * lookup() from several threads at once on the same private pointer.  Keep
 * the private data read-only after open, or lock it yourself.
 *
 * Errors: a callback that fails reports exactly one error through
 * host->reportError() and returns -1 (or VIRTPLUG_OPEN_ERROR).  A problem that
 * costs only one domain (a malformed file, a hung monitor) is reported with
 * host->warn() and the call goes on without that domain.
 */
#ifndef VIRTPLUG_BACKEND_H
#define VIRTPLUG_BACKEND_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change; a module built for another value is
 * refused.  Compatible additions append fields to virtplugBackend and
 * virtplugHost and are detected through struct_size. */
#define VIRTPLUG_BACKEND_ABI_VERSION 1

#define VIRTPLUG_BACKEND_ENTRY_SYMBOL "virtplug_backend_entry"

#if defined(__GNUC__) && __GNUC__ >= 4
# define VIRTPLUG_BACKEND_EXPORT __attribute__((visibility("default")))
#else
# define VIRTPLUG_BACKEND_EXPORT
#endif

/* ---- attributes and flag groups ----------------------------------------- */

/* One bit per attribute of a domain.  The first seven are also the seven
 * flag groups of virConnectListAllDomains. */
typedef enum {
    VIRTPLUG_ATTR_ACTIVE = 1 << 0,      /* active + id */
    VIRTPLUG_ATTR_PERSISTENT = 1 << 1,
    VIRTPLUG_ATTR_STATE = 1 << 2,       /* state + reason */
    VIRTPLUG_ATTR_MANAGEDSAVE = 1 << 3,
    VIRTPLUG_ATTR_AUTOSTART = 1 << 4,
    VIRTPLUG_ATTR_SNAPSHOT = 1 << 5,    /* snapshot count */
    VIRTPLUG_ATTR_CHECKPOINT = 1 << 6,  /* checkpoint count */
    VIRTPLUG_ATTR_TITLE = 1 << 7,
    VIRTPLUG_ATTR_DESCRIPTION = 1 << 8,
} virtplugAttr;

#define VIRTPLUG_GROUPS_ALL 0x7fu   /* the seven filter groups */
#define VIRTPLUG_ATTRS_ALL 0x1ffu

/* ---- URIs ----------------------------------------------------------------- */

typedef struct {
    const char *name;   /* decoded, never NULL */
    const char *value;  /* decoded, never NULL ("" for "?flag") */
} virtplugURIParam;

/* A parsed URI; all strings are decoded and owned by the core, valid during
 * open() only.  "xen:///system?root=/h" gives scheme "xen", server NULL,
 * path "/system", params {root, /h}.  "xen://" gives path NULL. */
typedef struct {
    const char *uri;        /* the URI as given */
    const char *scheme;     /* lower case, never NULL */
    const char *server;     /* NULL when there is no authority */
    const char *path;       /* NULL when empty */
    size_t nparams;
    const virtplugURIParam *params;
} virtplugURI;

/* ---- domain records ------------------------------------------------------- */

/* What a backend knows about one domain.  Fields other than name, uuid and
 * known are meaningful only when their bit is set in `known`. */
typedef struct {
    unsigned int known;        /* virtplugAttr bits that are filled in */
    int id;                    /* ATTR_ACTIVE: id when active, else -1 */
    bool active;               /* ATTR_ACTIVE */
    bool persistent;           /* ATTR_PERSISTENT */
    bool managed_save;         /* ATTR_MANAGEDSAVE */
    bool autostart;            /* ATTR_AUTOSTART */
    int state;                 /* ATTR_STATE: virDomainState */
    int reason;                /* ATTR_STATE: the state's reason enum */
    int snapshots;             /* ATTR_SNAPSHOT: number of snapshots */
    int checkpoints;           /* ATTR_CHECKPOINT: number of checkpoints */
} virtplugDomainInfo;

/* Opaque: where a backend puts the domains it found.  Owned by the core. */
typedef struct _virtplugDomainSink virtplugDomainSink;
/* Opaque handle of one record inside a sink.  Owned by the sink. */
typedef struct _virtplugDomainRecord virtplugDomainRecord;

/* ---- lookups --------------------------------------------------------------- */

typedef enum {
    VIRTPLUG_KEY_NAME = 0,
    VIRTPLUG_KEY_UUID = 1,
    VIRTPLUG_KEY_ID = 2,
} virtplugKeyType;

typedef struct {
    virtplugKeyType type;
    const char *name;                    /* KEY_NAME; also set for queries */
    unsigned char uuid[VIR_UUID_BUFLEN]; /* KEY_UUID */
    int id;                              /* KEY_ID */
} virtplugDomainKey;

/* ---- the core's side: helpers a backend may call ------------------------- */

typedef struct virtplugHost virtplugHost;
struct virtplugHost {
    unsigned int abi_version;  /* VIRTPLUG_BACKEND_ABI_VERSION of the core */
    unsigned int struct_size;  /* sizeof(virtplugHost) in the core */

    /* Sets the calling thread's last error.  `from` is a virErrorDomain,
     * `code` a virErrorNumber; fmt is the detail, which the core puts after
     * libvirt's text for the code ("invalid argument: <detail>"). */
    void (*reportError)(int from, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    /* Same, appending ": strerror(errnum)" to the detail; code is
     * VIR_ERR_SYSTEM_ERROR unless given otherwise. */
    void (*reportSystemError)(int from, int code, int errnum,
                              const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
    /* A problem that costs one item, not the call: delivered to the error
     * handler at level VIR_ERR_WARNING; does not touch the last error. */
    void (*warn)(int from, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

    /* Adds a domain to a sink and returns its record, or NULL when out of
     * memory or when a domain with the same name or UUID is already in the
     * sink (each domain is reported once per call: the first record wins).
     * name is copied; it must be non-empty and valid UTF-8-agnostic C text. */
    virtplugDomainRecord *(*recordAdd)(virtplugDomainSink *sink,
                                       const char *name,
                                       const unsigned char uuid[VIR_UUID_BUFLEN]);
    /* The record's attributes, to read and fill in.  Never NULL. */
    virtplugDomainInfo *(*recordInfo)(virtplugDomainRecord *rec);
    /* Sets the title (ATTR_TITLE) or description (ATTR_DESCRIPTION); the
     * text is copied, NULL means "none".  Returns 0, or -1 when out of
     * memory. */
    int (*recordSetText)(virtplugDomainRecord *rec, virtplugAttr which,
                         const char *text);
    /* Attributes the core wants for this sink (the `need` of the call). */
    unsigned int (*sinkNeed)(const virtplugDomainSink *sink);

    /* "6695eb01-f6a4-8304-79aa-97f2502e193f" (with or without dashes) to
     * 16 bytes; returns 0 or -1. */
    int (*uuidParse)(const char *str, unsigned char uuid[VIR_UUID_BUFLEN]);
    void (*uuidFormat)(const unsigned char uuid[VIR_UUID_BUFLEN],
                       char out[VIR_UUID_STRING_BUFLEN]);
    /* The value of a URI parameter, or NULL. */
    const char *(*uriParam)(const virtplugURI *uri, const char *name);
};

/* ---- the backend's side: the descriptor ---------------------------------- */

typedef enum {
    VIRTPLUG_OPEN_SUCCESS = 0,    /* the URI is ours and we opened it */
    VIRTPLUG_OPEN_DECLINED = -1,  /* not ours: try the next backend */
    VIRTPLUG_OPEN_ERROR = -2,     /* ours, but failed: error reported */
} virtplugOpenStatus;

typedef struct virtplugBackend virtplugBackend;
struct virtplugBackend {
    unsigned int abi_version;  /* VIRTPLUG_BACKEND_ABI_VERSION */
    unsigned int struct_size;  /* sizeof(virtplugBackend) */

    const char *name;          /* [a-z0-9_]+, unique: "qemu", "xen", "test" */
    const char *hv_type;       /* virConnectGetType(): "QEMU", "Xen", "TEST" */
    unsigned long hv_version;  /* virGetVersion() typeVer, libvirt encoding */
    const char *const *uri_schemes;  /* NULL-terminated, lower case */
    /* The flag groups (VIRTPLUG_ATTR_* bits within VIRTPLUG_GROUPS_ALL) this
     * backend can tell apart.  A listing flag from any other group fails
     * with VIR_ERR_NO_SUPPORT before the backend is called. */
    unsigned int groups;

    /* Default-URI probing: backends with probe != NULL are asked in
     * ascending probe_priority; the first that returns 1 gives probe_uri. */
    int probe_priority;
    const char *probe_uri;
    int (*probe)(void);

    /* Opens `uri`.  flags: VIRTPLUG_OPEN_READONLY when asked read-only
     * (virtplug is always read-only; the flag is informative).  On success
     * sets *priv (may be NULL) and *canonical_uri (malloc'd, the core frees
     * it; NULL means "the URI as given"). */
    virtplugOpenStatus (*open)(const virtplugURI *uri, unsigned int flags,
                               void **priv, char **canonical_uri);
    void (*close)(void *priv);

    /* Puts every domain that may match `flags` into the sink, each once.
     * flags are already validated against `groups`; a backend may use them
     * to skip work (e.g. no inactive domains for ACTIVE alone) but the core
     * filters again, so over-reporting is harmless.  For every record, fill
     * in at least the attributes in host->sinkNeed(sink) (always includes
     * ATTR_ACTIVE); anything else known for free may be filled in too.
     * A domain that vanishes mid-call is left out.  Returns 0 or -1. */
    int (*listAllDomains)(void *priv, unsigned int flags,
                          virtplugDomainSink *sink);

    /* Finds one domain by key and adds it to the sink with at least the
     * attributes in host->sinkNeed(sink).  Also used to answer per-domain
     * queries: then key->type is KEY_UUID and key->name is set as well.
     * Returns 1 when found, 0 when not (no error reported: the core reports
     * VIR_ERR_NO_DOMAIN), -1 on error. */
    int (*lookup)(void *priv, const virtplugDomainKey *key,
                  virtplugDomainSink *sink);
};

#define VIRTPLUG_OPEN_READONLY (1u << 0)

/* Whether the core that loaded us offers everything of this header's
 * virtplugHost: backends call this first in their entry function and
 * return NULL when it is false. */
static inline bool
virtplugHostUsable(const virtplugHost *host)
{
    return host && host->abi_version == VIRTPLUG_BACKEND_ABI_VERSION &&
        host->struct_size >= sizeof(virtplugHost);
}

/* The signature of the one exported symbol. */
typedef const virtplugBackend *(*virtplugBackendEntryFunc)(
    const virtplugHost *host);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_BACKEND_H */
