/*
 * vp-libvirt-doc.h: reading one libvirt config or status file (private to
 * the vp-libvirt-state helper library).
 *
 * Two readers fill the same vpLsDomain: a fast scanner for the plain shape
 * libvirt writes (vp-libvirt-scan.c), and libxml2's streaming reader for
 * everything else (vp-libvirt-doc.c).  The scanner never reports errors;
 * when it cannot follow a document, libxml2 reads it and judges it.
 */
#ifndef VP_LIBVIRT_DOC_H
#define VP_LIBVIRT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug-backend.h>

/* Longest text value kept from a file (names, titles, paths). */
#define VP_LS_TEXT_MAX (64u * 1024)

/* What one file told us.  Strings are malloc'd and owned by the struct;
 * vpLsDomainClear() frees them and resets the rest. */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool have_uuid;
    int id;                 /* status: <domain id=>, else -1 */
    int state;              /* status: virDomainState */
    int reason;
    long long pid;          /* status: <domstatus pid=>, 0 when absent */
    char *title;
    char *description;
    char *monitor;          /* status: <monitor path=> */
} vpLsDomain;

void vpLsDomainClear(vpLsDomain *dom);

typedef enum {
    VP_LS_DOC_CONFIG,   /* <domain> */
    VP_LS_DOC_STATUS,   /* <domstatus> around <domain id=> */
} vpLsDocKind;

/* What the caller wants from a document. */
typedef struct {
    bool title;         /* also <title> and <description> (to end of <domain>) */
    bool monitor;       /* only <monitor path=>, nothing else (status) */
    bool whole;         /* libxml2: read to the end, the whole must be well-formed */
} vpLsWant;

typedef enum {
    VP_LS_SCAN_OK = 0,
    VP_LS_SCAN_FALLBACK = 1,
} vpLsScanResult;

/* libvirt's virDomainState spelling to its value, or -1. */
int vpLsStateIndex(const char *state);
/* The reason spelling of that state to its value, or -1. */
int vpLsReasonIndex(int state, const char *reason);

/* The fast path.  buf must be NUL-terminated at buf[len] (vpFileRead). */
vpLsScanResult vpLsScanDoc(const virtplugHost *host, const char *buf,
                           size_t len, vpLsDocKind kind, const vpLsWant *want,
                           vpLsDomain *dom);

/* Whether the document ends with its root's end tag (</domain> or
 * </domstatus>), then only white space: a file cut short does not.  A cheap
 * look at the tail; false also for legal endings it does not follow (a
 * trailing comment), which libxml2 then judges. */
bool vpLsScanClosed(const char *buf, size_t len, vpLsDocKind kind);

/* Sets libxml2 up; called once before two threads may parse. */
void vpLsParseInit(void);

/* libxml2's reader (no network, no entities, no DTD).  Returns 0, or -1
 * after a warning naming `path` through host->warn(). */
int vpLsParse(const virtplugHost *host, int from, const char *buf, size_t len,
              const char *path, vpLsDocKind kind, const vpLsWant *want,
              vpLsDomain *dom);

#endif /* VP_LIBVIRT_DOC_H */
