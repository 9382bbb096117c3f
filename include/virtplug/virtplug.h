/*
 * virtplug.h: the virtplug client API.
 *
 * A subset of libvirt's client API with libvirt's names, types, enum values
 * and return conventions, so that a libvirt client that uses only these
 * calls compiles unchanged against virtplug.  virtplug is read-only: it lists
 * domains and answers questions about them; it never changes a host.
 *
 * Ownership, as in libvirt:
 *  - a virConnectPtr from virConnectOpen* is released with virConnectClose;
 *    virConnectRef adds a reference that needs one more virConnectClose;
 *  - a virDomainPtr from a lookup or a list call is released with
 *    virDomainFree; virDomainRef adds a reference;
 *  - strings returned as `char *` are the caller's, freed with free();
 *    strings returned as `const char *` belong to the object they came from;
 *  - arrays from virConnectListAllDomains are the caller's: virDomainFree()
 *    each element, then free() the array.
 *
 * Domain handles are snapshots: the attributes a backend computed when the
 * handle was created (by a list or lookup call) are answered from the handle;
 * the others are read from the host on first use.  Obtain a new handle to see
 * later changes.
 *
 * Every function is thread-safe.  The last error is kept per thread.
 */
#ifndef VIRTPLUG_H
#define VIRTPLUG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this header, encoded as libvirt encodes its own. */
#define VIRTPLUG_VERSION_MAJOR 0
#define VIRTPLUG_VERSION_MINOR 1
#define VIRTPLUG_VERSION_MICRO 0
#define VIRTPLUG_VERSION_NUMBER \
    (VIRTPLUG_VERSION_MAJOR * 1000000 + VIRTPLUG_VERSION_MINOR * 1000 + \
     VIRTPLUG_VERSION_MICRO)

/* ---- object types -------------------------------------------------------- */

typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;

typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;

/* Never created by virtplug; declared so that virError keeps libvirt's layout
 * and virDomainListAllCheckpoints keeps libvirt's signature. */
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;
typedef struct _virDomainCheckpoint virDomainCheckpoint;
typedef virDomainCheckpoint *virDomainCheckpointPtr;

#define VIR_UUID_BUFLEN (16)
#define VIR_UUID_STRING_BUFLEN (36 + 1)

/* ---- domain states and reasons (libvirt values) -------------------------- */

typedef enum {
    VIR_DOMAIN_NOSTATE = 0,
    VIR_DOMAIN_RUNNING = 1,
    VIR_DOMAIN_BLOCKED = 2,
    VIR_DOMAIN_PAUSED = 3,
    VIR_DOMAIN_SHUTDOWN = 4,
    VIR_DOMAIN_SHUTOFF = 5,
    VIR_DOMAIN_CRASHED = 6,
    VIR_DOMAIN_PMSUSPENDED = 7,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST
#endif
} virDomainState;

typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0,
} virDomainNostateReason;

typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,
    VIR_DOMAIN_RUNNING_BOOTED = 1,
    VIR_DOMAIN_RUNNING_MIGRATED = 2,
    VIR_DOMAIN_RUNNING_RESTORED = 3,
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,
    VIR_DOMAIN_RUNNING_UNPAUSED = 5,
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED = 7,
    VIR_DOMAIN_RUNNING_WAKEUP = 8,
    VIR_DOMAIN_RUNNING_CRASHED = 9,
    VIR_DOMAIN_RUNNING_POSTCOPY = 10,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,
} virDomainRunningReason;

typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0,
} virDomainBlockedReason;

typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,
    VIR_DOMAIN_PAUSED_USER = 1,
    VIR_DOMAIN_PAUSED_MIGRATION = 2,
    VIR_DOMAIN_PAUSED_SAVE = 3,
    VIR_DOMAIN_PAUSED_DUMP = 4,
    VIR_DOMAIN_PAUSED_IOERROR = 5,
    VIR_DOMAIN_PAUSED_WATCHDOG = 6,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,
    VIR_DOMAIN_PAUSED_SNAPSHOT = 9,
    VIR_DOMAIN_PAUSED_CRASHED = 10,
    VIR_DOMAIN_PAUSED_STARTING_UP = 11,
    VIR_DOMAIN_PAUSED_POSTCOPY = 12,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
    VIR_DOMAIN_PAUSED_API_ERROR = 14,
} virDomainPausedReason;

typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER = 1,
} virDomainShutdownReason;

typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1,
    VIR_DOMAIN_SHUTOFF_DESTROYED = 2,
    VIR_DOMAIN_SHUTOFF_CRASHED = 3,
    VIR_DOMAIN_SHUTOFF_MIGRATED = 4,
    VIR_DOMAIN_SHUTOFF_SAVED = 5,
    VIR_DOMAIN_SHUTOFF_FAILED = 6,
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_SHUTOFF_DAEMON = 8,
} virDomainShutoffReason;

typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1,
} virDomainCrashedReason;

typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0,
} virDomainPMSuspendedReason;

typedef enum {
    VIR_DOMAIN_METADATA_DESCRIPTION = 0,
    VIR_DOMAIN_METADATA_TITLE = 1,
    VIR_DOMAIN_METADATA_ELEMENT = 2,
} virDomainMetadataType;

/* ---- listing flags: 14 bits since libvirt 0.9.13, 2 since 5.6.0 -------- */

typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,
} virConnectListAllDomainsFlags;

/* ---- errors (libvirt values) --------------------------------------------- */

typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1,
    VIR_ERR_ERROR = 2,
} virErrorLevel;

typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XEN = 1,
    VIR_FROM_XML = 5,
    VIR_FROM_DOM = 6,
    VIR_FROM_CONF = 9,
    VIR_FROM_QEMU = 10,
    VIR_FROM_TEST = 12,
    VIR_FROM_LXC = 17,
    VIR_FROM_DOMAIN = 20,
    VIR_FROM_DOMAIN_SNAPSHOT = 35,
    VIR_FROM_LIBXL = 41,
    VIR_FROM_URI = 45,
    VIR_FROM_THREAD = 61,
    VIR_FROM_DOMAIN_CHECKPOINT = 69,
} virErrorDomain;

typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR = 1,
    VIR_ERR_NO_MEMORY = 2,
    VIR_ERR_NO_SUPPORT = 3,
    VIR_ERR_NO_CONNECT = 5,
    VIR_ERR_INVALID_CONN = 6,
    VIR_ERR_INVALID_DOMAIN = 7,
    VIR_ERR_INVALID_ARG = 8,
    VIR_ERR_OPERATION_FAILED = 9,
    VIR_ERR_NO_NAME = 21,
    VIR_ERR_XML_ERROR = 27,
    VIR_ERR_OPERATION_DENIED = 29,
    VIR_ERR_OPEN_FAILED = 30,
    VIR_ERR_READ_FAILED = 31,
    VIR_ERR_PARSE_FAILED = 32,
    VIR_ERR_XML_DETAIL = 35,
    VIR_ERR_SYSTEM_ERROR = 38,
    VIR_ERR_NO_DOMAIN = 42,
    VIR_ERR_OPERATION_INVALID = 55,
    VIR_ERR_CONFIG_UNSUPPORTED = 67,
    VIR_ERR_OPERATION_TIMEOUT = 68,
    VIR_ERR_NO_DOMAIN_SNAPSHOT = 72,
    VIR_ERR_NO_DOMAIN_METADATA = 80,
    VIR_ERR_OPERATION_UNSUPPORTED = 84,
    VIR_ERR_NO_DOMAIN_CHECKPOINT = 103,
} virErrorNumber;

typedef struct _virError virError;
typedef virError *virErrorPtr;

/* Same fields and order as libvirt's struct _virError. */
struct _virError {
    int code;            /* virErrorNumber */
    int domain;          /* virErrorDomain */
    char *message;       /* human-readable, owned by the error */
    virErrorLevel level;
    virConnectPtr conn;  /* deprecated, always NULL */
    virDomainPtr dom;    /* deprecated, always NULL */
    char *str1;
    char *str2;
    char *str3;
    int int1;
    int int2;
    virNetworkPtr net;   /* deprecated, always NULL */
};

typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

/* The calling thread's last error, or NULL if none.  Owned by the library;
 * valid until the next virtplug call on this thread. */
virErrorPtr virGetLastError(void);
void virResetLastError(void);
/* Copies the last error into *to (deep copy, release with virResetError);
 * returns its code, 0 if none, -1 if to is NULL. */
int virCopyLastError(virErrorPtr to);
/* A deep copy of the last error (a VIR_ERR_OK error if none); release with
 * virFreeError.  NULL only when out of memory. */
virErrorPtr virSaveLastError(void);
void virFreeError(virErrorPtr err);
void virResetError(virErrorPtr err);
/* "no error" if none; owned by the library. */
const char *virGetLastErrorMessage(void);
int virGetLastErrorCode(void);
int virGetLastErrorDomain(void);
/* The last error reported on conn (not thread-safe, as in libvirt). */
virErrorPtr virConnGetLastError(virConnectPtr conn);
int virConnCopyLastError(virConnectPtr conn, virErrorPtr to);
void virConnResetLastError(virConnectPtr conn);
/* Global handler for errors (level VIR_ERR_ERROR) and for per-item warnings
 * (level VIR_ERR_WARNING: a file or monitor that was skipped).  With no
 * handler, errors and warnings are printed on stderr. */
void virSetErrorFunc(void *userData, virErrorFunc handler);
void virDefaultErrorFunc(virErrorPtr err);

/* ---- connection flags and authentication (libvirt values) ------------- */

/* virtplug connections are always read-only; VIR_CONNECT_RO is accepted
 * (and implied) so that clients written for libvirt compile and run. */
typedef enum {
    VIR_CONNECT_RO = 1 << 0,
    VIR_CONNECT_NO_ALIASES = 1 << 1,
} virConnectFlags;

typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
#ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST
#endif
} virConnectCredentialType;

typedef struct _virConnectCredential virConnectCredential;
typedef virConnectCredential *virConnectCredentialPtr;

/* Same fields and order as libvirt's. */
struct _virConnectCredential {
    int type;
    const char *prompt;
    const char *challenge;
    const char *defresult;
    char *result;
    unsigned int resultlen;
};

typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred, void *cbdata);

typedef struct _virConnectAuth virConnectAuth;
typedef virConnectAuth *virConnectAuthPtr;

struct _virConnectAuth {
    int *credtype;
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
};

/* Every URI virtplug opens is local and needs no credentials, so the
 * callbacks of an auth object are never called. */
extern virConnectAuthPtr virConnectAuthPtrDefault;

/* ---- the host (libvirt layout) ------------------------------------------ */

typedef struct _virNodeInfo virNodeInfo;
typedef virNodeInfo *virNodeInfoPtr;

struct _virNodeInfo {
    char model[32];        /* CPU architecture, e.g. "x86_64" */
    unsigned long memory;  /* KiB */
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;  /* per node */
    unsigned int cores;    /* per socket */
    unsigned int threads;  /* per core */
};

#define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * \
     (nodeinfo).threads)

/* ---- library and connections -------------------------------------------- */

int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);
int virInitialize(void);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
/* auth may be NULL; flags: VIR_CONNECT_RO, VIR_CONNECT_NO_ALIASES. */
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
int virConnectClose(virConnectPtr conn);
int virConnectRef(virConnectPtr conn);
const char *virConnectGetType(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
int virConnectIsAlive(virConnectPtr conn);
/* The hypervisor's version, libvirt encoding; 0 when the backend does not
 * know it. */
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
/* The caller's (free()). */
char *virConnectGetHostname(virConnectPtr conn);
/* Local connections: secure 1, encrypted 0, as libvirt answers them. */
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* ---- listing -------------------------------------------------------------- */

/* Returns the number of matching domains, or -1.  If domains is non-NULL,
 * *domains is a newly allocated array of that many handles plus a trailing
 * NULL: virDomainFree() each element, then free() the array. */
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
/* names[i] are the caller's: free() each. */
int virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                 int maxnames);

/* ---- domains --------------------------------------------------------------- */

virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuid);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);
virConnectPtr virDomainGetConnect(virDomainPtr domain);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
int virDomainIsActive(virDomainPtr domain);
int virDomainIsPersistent(virDomainPtr domain);
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
/* Only counting is supported: checkpoints must be NULL. */
int virDomainListAllCheckpoints(virDomainPtr domain,
                                virDomainCheckpointPtr **checkpoints,
                                unsigned int flags);
/* Only VIR_DOMAIN_METADATA_TITLE and _DESCRIPTION; the result is the
 * caller's (free()). */
char *virDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                           unsigned int flags);

/* ---- definitions: info, XML, memory, vCPUs (libvirt values) ------------ */

typedef struct _virDomainInfo virDomainInfo;
typedef virDomainInfo *virDomainInfoPtr;

/* Same fields and order as libvirt's. */
struct _virDomainInfo {
    unsigned char state;        /* virDomainState */
    unsigned long maxMem;       /* KiB */
    unsigned long memory;       /* KiB */
    unsigned short nrVirtCpu;
    unsigned long long cpuTime; /* ns */
};

typedef enum {
    VIR_DOMAIN_XML_SECURE = 1 << 0,
    VIR_DOMAIN_XML_INACTIVE = 1 << 1,
    VIR_DOMAIN_XML_UPDATE_CPU = 1 << 2,
    VIR_DOMAIN_XML_MIGRATABLE = 1 << 3,
} virDomainXMLFlags;

typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0,
    VIR_DOMAIN_AFFECT_LIVE = 1 << 0,
    VIR_DOMAIN_AFFECT_CONFIG = 1 << 1,
} virDomainModificationImpact;

typedef enum {
    VIR_DOMAIN_VCPU_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_VCPU_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_VCPU_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_VCPU_MAXIMUM = 1 << 2,
    VIR_DOMAIN_VCPU_GUEST = 1 << 3,
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = 1 << 4,
} virDomainVcpuFlags;

/* These read the domain's definition through the backend; a backend that
 * cannot (or a domain it has none for) gives VIR_ERR_NO_SUPPORT. */
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
/* Live XML for a running domain, else the persistent one; the caller's
 * (free()).  VIR_DOMAIN_XML_SECURE is refused on a read-only connection;
 * VIR_DOMAIN_XML_MIGRATABLE and _UPDATE_CPU are not supported. */
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
/* KiB; 0 on error. */
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
/* The caller's (free()). */
char *virDomainGetOSType(virDomainPtr domain);
int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_H */
