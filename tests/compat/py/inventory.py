"""inventory.py URI: every domain of URI and what the read-only calls say
about it, through python3-libvirt.  Prints the same on any libvirt that
implements these calls; used to compare virtplug's drop-in with libvirt."""
import sys

import libvirt


def quiet(ctx, err):
    pass


def show_error(what, e):
    print("%s: error code=%s domain=%s message=%s"
          % (what, e.get_error_code(), e.get_error_domain(),
             e.get_error_message()))


def describe(dom):
    state, reason = dom.state()
    # Why a domain stopped (destroyed, saved, ...) is kept in libvirtd's
    # memory only: libvirt itself says "unknown" after a restart, and
    # virtplug, reading the files, always does.
    reason = reason if dom.isActive() else "-"
    print("  name=%s id=%d uuid=%s state=%d/%s active=%d persistent=%d"
          % (dom.name(), dom.ID(), dom.UUIDString(), state, reason,
             dom.isActive(), dom.isPersistent()))
    print("  autostart=%d managedsave=%d snapshots=%d"
          % (dom.autostart(), dom.hasManagedSaveImage(), dom.snapshotNum()))


def main(uri):
    libvirt.registerErrorHandler(quiet, None)
    conn = libvirt.openReadOnly(uri)
    print("uri=%s type=%s libver=%d" % (conn.getURI(), conn.getType(),
                                        conn.getLibVersion()))
    print("alive=%d secure=%d encrypted=%d" % (conn.isAlive(),
                                               conn.isSecure(),
                                               conn.isEncrypted()))
    flags = [0, libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE,
             libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE,
             libvirt.VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
             libvirt.VIR_CONNECT_LIST_DOMAINS_RUNNING,
             libvirt.VIR_CONNECT_LIST_DOMAINS_PAUSED,
             libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART]
    for f in flags:
        names = sorted(d.name() for d in conn.listAllDomains(f))
        print("listAllDomains(0x%x): %s" % (f, " ".join(names)))
    print("numOfDomains=%d numOfDefinedDomains=%d"
          % (conn.numOfDomains(), conn.numOfDefinedDomains()))
    ids = sorted(conn.listDomainsID())
    print("listDomainsID: %s" % ids)
    print("listDefinedDomains: %s" % sorted(conn.listDefinedDomains()))
    for dom in sorted(conn.listAllDomains(0), key=lambda d: d.name()):
        print("domain %s" % dom.name())
        describe(dom)
        same = [conn.lookupByName(dom.name()),
                conn.lookupByUUIDString(dom.UUIDString()),
                conn.lookupByUUID(dom.UUID())]
        if dom.isActive():
            same.append(conn.lookupByID(dom.ID()))
        print("  lookups agree: %s"
              % all(d.UUIDString() == dom.UUIDString() for d in same))
    for call, arg in (("lookupByName", "no-such-domain"), ("lookupByID", 4242),
                      ("lookupByUUIDString",
                       "11111111-2222-3333-4444-555555555555")):
        try:
            getattr(conn, call)(arg)
            print("%s(%r): found" % (call, arg))
        except libvirt.libvirtError as e:
            show_error("%s(%r)" % (call, arg), e)
    try:
        conn.listAllDomains(1 << 20)
    except libvirt.libvirtError as e:
        show_error("listAllDomains(1<<20)", e)
    conn.close()


main(sys.argv[1])
