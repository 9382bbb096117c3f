/*
 * virtplug-backend.h: the contract between libvirtplug and a backend module.
 *
 * A backend is a shared object in the backend directory that exports exactly
 * one symbol, VIRTPLUG_BACKEND_ENTRY_SYMBOL:
 *
 *     const virtplugBackend *virtplug_backend_entry_v2(const virtplugHost *host);
 *
 * VIRTPLUG_BACKEND_DEFINE() (at the end of this header) writes it, together
 * with the descriptor and the check that the core is compatible.
 *
 * The loader dlopen()s every *.so in the backend directory with
 * RTLD_NOW|RTLD_LOCAL, calls the entry once, and checks the descriptor it
 * returns (ABI version, struct size, name, schemes).  The module is never
 * unloaded.  The core hands the `host` table to every callback: it is the
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
 * virtplugHost and are detected through struct_size.
 *
 * History: 1 - callbacks without context (backends kept the host table in
 * a global), entry "virtplug_backend_entry"; 2 - every callback gets the
 * host table and its private data, descriptor `data`, entry named after
 * the version. */
#define VIRTPLUG_BACKEND_ABI_VERSION 2

/* The entry carries the ABI version in its name, so that the loader can
 * tell a module of another version (and which one) without calling into
 * it. */
#define VIRTPLUG_BACKEND_ENTRY virtplug_backend_entry_v2
#define VIRTPLUG_BACKEND_ENTRY_SYMBOL "virtplug_backend_entry_v2"
/* The entry of ABI version 1 modules, recognised only to refuse them. */
#define VIRTPLUG_BACKEND_ENTRY_SYMBOL_V1 "virtplug_backend_entry"

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

/* The listing flags of each filter group of virConnectListAllDomains. */
#define VIRTPLUG_GROUP_FLAGS_ACTIVE \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)
#define VIRTPLUG_GROUP_FLAGS_PERSISTENT \
    (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)
#define VIRTPLUG_GROUP_FLAGS_STATE \
    (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)
#define VIRTPLUG_GROUP_FLAGS_MANAGEDSAVE \
    (VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE)
#define VIRTPLUG_GROUP_FLAGS_AUTOSTART \
    (VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART)
#define VIRTPLUG_GROUP_FLAGS_SNAPSHOT \
    (VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT)
#define VIRTPLUG_GROUP_FLAGS_CHECKPOINT \
    (VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | \
     VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)

/* The one table of the filter groups, in bit order, as an X-macro so that
 * the core, the tool and backends expand the same rows into what they need:
 * X(attribute bit, listing flags, name, what a backend that lacks the group
 * "cannot tell").  A table of them:
 *
 *     static const virtplugFilterGroup groups[] = {
 *         VIRTPLUG_FILTER_GROUPS(VIRTPLUG_FILTER_GROUP_ROW)
 *     };
 */
#define VIRTPLUG_FILTER_GROUPS(X) \
    X(VIRTPLUG_ATTR_ACTIVE, VIRTPLUG_GROUP_FLAGS_ACTIVE, "active", \
      "whether domains are active") \
    X(VIRTPLUG_ATTR_PERSISTENT, VIRTPLUG_GROUP_FLAGS_PERSISTENT, \
      "persistent", "whether domains are persistent") \
    X(VIRTPLUG_ATTR_STATE, VIRTPLUG_GROUP_FLAGS_STATE, "state", \
      "the state of domains") \
    X(VIRTPLUG_ATTR_MANAGEDSAVE, VIRTPLUG_GROUP_FLAGS_MANAGEDSAVE, \
      "managed save", "whether domains have a managed save image") \
    X(VIRTPLUG_ATTR_AUTOSTART, VIRTPLUG_GROUP_FLAGS_AUTOSTART, "autostart", \
      "whether domains are set to autostart") \
    X(VIRTPLUG_ATTR_SNAPSHOT, VIRTPLUG_GROUP_FLAGS_SNAPSHOT, "snapshot", \
      "whether domains have snapshots") \
    X(VIRTPLUG_ATTR_CHECKPOINT, VIRTPLUG_GROUP_FLAGS_CHECKPOINT, \
      "checkpoint", "whether domains have checkpoints")

typedef struct {
    unsigned int attr;         /* VIRTPLUG_ATTR_* bit */
    unsigned int flags;        /* VIR_CONNECT_LIST_DOMAINS_* of the group */
    const char *name;          /* as `virtplug backends` shows it */
    const char *cannot;        /* "the X backend cannot tell <cannot>" */
} virtplugFilterGroup;

#define VIRTPLUG_FILTER_GROUP_ROW(attr, flags, name, cannot) \
    { (attr), (flags), (name), (cannot) },

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

/* ---- the backend's side: the callbacks ---------------------------------- */

typedef enum {
    VIRTPLUG_OPEN_SUCCESS = 0,    /* the URI is ours and we opened it */
    VIRTPLUG_OPEN_DECLINED = -1,  /* not ours: try the next backend */
    VIRTPLUG_OPEN_ERROR = -2,     /* ours, but failed: error reported */
} virtplugOpenStatus;

#define VIRTPLUG_OPEN_READONLY (1u << 0)

/* Every callback gets its whole context as arguments: `host`, the core's
 * helper table (the same pointer the entry was given), and either the
 * descriptor's `data` (probe, open) or the connection's private pointer set
 * by open (close, listAllDomains, lookup).  A backend needs no global. */

/* Default-URI probing: returns 1 when this host looks like ours (the core
 * then opens probe_uri), 0 when not.  Must not report errors. */
typedef int virtplugProbeFunc(const virtplugHost *host, void *data);

/* Opens `uri`.  flags: VIRTPLUG_OPEN_READONLY when asked read-only
 * (virtplug is always read-only; the flag is informative).  On success
 * sets *priv (may be NULL) and *canonical_uri (malloc'd, the core frees
 * it; NULL means "the URI as given"). */
typedef virtplugOpenStatus virtplugOpenFunc(const virtplugHost *host,
                                            void *data,
                                            const virtplugURI *uri,
                                            unsigned int flags, void **priv,
                                            char **canonical_uri);

/* Frees what open() set in *priv. */
typedef void virtplugCloseFunc(const virtplugHost *host, void *priv);

/* Puts every domain that may match `flags` into the sink, each once.
 * flags are already validated against `groups`; a backend may use them
 * to skip work (e.g. no inactive domains for ACTIVE alone) but the core
 * filters again, so over-reporting is harmless.  For every record, fill
 * in at least the attributes in host->sinkNeed(sink) (always includes
 * ATTR_ACTIVE); anything else known for free may be filled in too.
 * A domain that vanishes mid-call is left out.  Returns 0 or -1. */
typedef int virtplugListAllDomainsFunc(const virtplugHost *host, void *priv,
                                       unsigned int flags,
                                       virtplugDomainSink *sink);

/* Finds one domain by key and adds it to the sink with at least the
 * attributes in host->sinkNeed(sink).  Also used to answer per-domain
 * queries: then key->type is KEY_UUID and key->name is set as well.
 * Returns 1 when found, 0 when not (no error reported: the core reports
 * VIR_ERR_NO_DOMAIN), -1 on error. */
typedef int virtplugLookupFunc(const virtplugHost *host, void *priv,
                               const virtplugDomainKey *key,
                               virtplugDomainSink *sink);

/* ---- domain definitions (added in virtplug 0.2) -------------------------- */

/* flags of the domainDoc callback */
#define VIRTPLUG_DOC_INACTIVE (1u << 0)  /* the persistent definition (the
                                          * next boot's) when there is one */
#define VIRTPLUG_DOC_SECURE (1u << 1)    /* keep passwords in the XML */
#define VIRTPLUG_DOC_XML (1u << 2)       /* fill `xml` (else figures only) */
#define VIRTPLUG_DOC_SNAPSHOT (1u << 3)  /* fill current_snapshot */

/* What a domain's definition says, as libvirt's driver for the backend
 * would answer it.  Memory is in KiB. */
typedef struct {
    char *xml;                     /* malloc'd <domain> document, the core
                                    * frees it; only with DOC_XML */
    char *os_type;                 /* malloc'd virDomainGetOSType() text */
    unsigned long long max_memory; /* total memory (<memory>) */
    unsigned long long memory;     /* <currentMemory> */
    unsigned int vcpus;            /* vCPUs online at boot */
    unsigned int max_vcpus;        /* <vcpu> */
    unsigned long long cpu_time;   /* ns of CPU used, as the driver
                                    * reports it; 0 when not running */
    int current_snapshot;          /* DOC_SNAPSHOT: 1 or 0; -1 when the
                                    * driver has no snapshots */
} virtplugDomainDoc;

/* Fills `doc` for the domain `key` (KEY_UUID with the name set): its live
 * definition when it is running, else its persistent one; with
 * DOC_INACTIVE the persistent one when there is one.  Returns 1, 0 when
 * there is no such domain (no error reported), or -1 with one error
 * reported (VIR_ERR_NO_SUPPORT for a domain whose definition cannot be
 * read this way). */
typedef int virtplugDomainDocFunc(const virtplugHost *host, void *priv,
                                  const virtplugDomainKey *key,
                                  unsigned int flags, virtplugDomainDoc *doc);

/* The hypervisor's version for this connection (libvirt encoding), for
 * backends whose hypervisor version depends on the host (added in virtplug
 * 0.2).  0 when it cannot be known.  Returns 0, or -1 with one error
 * reported. */
typedef int virtplugConnectGetVersionFunc(const virtplugHost *host,
                                          void *priv, unsigned long *version);

/* ---- the backend's side: the descriptor ---------------------------------- */

typedef struct virtplugBackend virtplugBackend;
struct virtplugBackend {
    /* ---- every ABI version starts with these two ---- */
    unsigned int abi_version;  /* VIRTPLUG_BACKEND_ABI_VERSION */
    unsigned int struct_size;  /* sizeof(virtplugBackend) */

    /* ---- ABI version 2: the fields a core of ABI 2 requires ---- */
    const char *name;          /* [a-z0-9_]+, unique: "qemu", "xen", "test" */
    const char *hv_type;       /* virConnectGetType(): "QEMU", "Xen", "TEST" */
    unsigned long hv_version;  /* virGetVersion() typeVer, libvirt encoding */
    const char *const *uri_schemes;  /* NULL-terminated, lower case */
    /* The flag groups (VIRTPLUG_ATTR_* bits within VIRTPLUG_GROUPS_ALL) this
     * backend can tell apart.  A listing flag from any other group fails
     * with VIR_ERR_NO_SUPPORT before the backend is called. */
    unsigned int groups;
    /* Handed to probe and open as `data`; the backend's own, never freed. */
    void *data;

    /* Backends with probe != NULL are asked in ascending probe_priority;
     * the first that returns 1 gives probe_uri. */
    int probe_priority;
    const char *probe_uri;
    virtplugProbeFunc *probe;

    virtplugOpenFunc *open;
    virtplugCloseFunc *close;
    virtplugListAllDomainsFunc *listAllDomains;
    virtplugLookupFunc *lookup;

    /* ---- later compatible additions are appended below this line, each
     * group under a comment naming the version that added it; the core
     * reads them only when struct_size covers them (VIRTPLUG_BACKEND_HAS) */

    /* ---- added in virtplug 0.2 (still ABI 2): domain definitions ---- */
    /* NULL: virDomainGetInfo, virDomainGetXMLDesc and the other calls
     * that read the definition fail with VIR_ERR_NO_SUPPORT. */
    virtplugDomainDocFunc *domainDoc;
    /* NULL: virConnectGetVersion() answers hv_version. */
    virtplugConnectGetVersionFunc *connectGetVersion;
};

/* The size of an ABI-2 descriptor without later additions: the least
 * struct_size a module of this ABI may declare. */
#define VIRTPLUG_BACKEND_V2_SIZE \
    (offsetof(virtplugBackend, lookup) + \
     sizeof(((virtplugBackend *)0)->lookup))

/* Whether descriptor `b` has the (appended) field `field` set. */
#define VIRTPLUG_BACKEND_HAS(b, field) \
    ((b)->struct_size >= offsetof(virtplugBackend, field) + \
     sizeof((b)->field) && (b)->field)

/* Whether the core that loaded us offers everything of this header's
 * virtplugHost. */
static inline bool
virtplugHostUsable(const virtplugHost *host)
{
    return host && host->abi_version == VIRTPLUG_BACKEND_ABI_VERSION &&
        host->struct_size >= sizeof(virtplugHost);
}

/* The signature of the one exported symbol. */
typedef const virtplugBackend *(*virtplugBackendEntryFunc)(
    const virtplugHost *host);

/* Declares the module's descriptor and emits its one exported entry, which
 * returns the descriptor only to a core this header is compatible with.
 * The arguments are designated initializers of virtplugBackend; the ABI
 * version and the struct size are filled in:
 *
 *     VIRTPLUG_BACKEND_DEFINE(
 *         .name = "hello",
 *         .hv_type = "HELLO",
 *         ...
 *         .lookup = helloLookup,
 *     )
 *
 * Use it once per module, at file scope. */
#define VIRTPLUG_BACKEND_DEFINE(...) \
    static const virtplugBackend virtplugBackendDescriptor = { \
        .abi_version = VIRTPLUG_BACKEND_ABI_VERSION, \
        .struct_size = sizeof(virtplugBackend), \
        __VA_ARGS__ \
    }; \
    VIRTPLUG_BACKEND_EXPORT const virtplugBackend * \
    VIRTPLUG_BACKEND_ENTRY(const virtplugHost *host); \
    VIRTPLUG_BACKEND_EXPORT const virtplugBackend * \
    VIRTPLUG_BACKEND_ENTRY(const virtplugHost *host) \
    { \
        return virtplugHostUsable(host) ? &virtplugBackendDescriptor : NULL; \
    }

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_BACKEND_H */
