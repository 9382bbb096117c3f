"""definition.py URI: what python3-libvirt reads from each domain's
definition (info, XML, memory, vCPUs, OS type, current snapshot), and the
errors libvirt gives for the flags it refuses.  Prints the same on any
libvirt that implements these calls; used to compare virtplug's drop-in
with libvirt."""
import sys

import libvirt


def quiet(ctx, err):
    pass


def attempt(what, call, sep=" "):
    try:
        print("  %s:%s%s" % (what, sep, call()), end="" if sep == "\n" else "\n")
    except libvirt.libvirtError as e:
        print("  %s: error code=%s domain=%s message=%s"
              % (what, e.get_error_code(), e.get_error_domain(),
                 e.get_error_message()))


def info(dom):
    state, maxmem, mem, vcpus, cputime = dom.info()
    # CPU time moves while it is read: only whether there is any is stable
    return "state=%d maxMem=%d memory=%d nrVirtCpu=%d cpuTime>0=%s" % (
        state, maxmem, mem, vcpus, cputime > 0)


def describe(dom):
    print("domain %s" % dom.name())
    attempt("info", lambda: info(dom))
    attempt("maxMemory", dom.maxMemory)
    attempt("maxVcpus", dom.maxVcpus)
    for name, flags in (
            ("current", 0),
            ("maximum", libvirt.VIR_DOMAIN_VCPU_MAXIMUM),
            ("live", libvirt.VIR_DOMAIN_AFFECT_LIVE),
            ("config", libvirt.VIR_DOMAIN_AFFECT_CONFIG),
            ("config|maximum", libvirt.VIR_DOMAIN_AFFECT_CONFIG |
             libvirt.VIR_DOMAIN_VCPU_MAXIMUM),
            ("live|config", libvirt.VIR_DOMAIN_AFFECT_LIVE |
             libvirt.VIR_DOMAIN_AFFECT_CONFIG),
            ("guest", libvirt.VIR_DOMAIN_VCPU_GUEST),
            ("1<<10", 1 << 10)):
        attempt("vcpusFlags(%s)" % name,
                lambda flags=flags: dom.vcpusFlags(flags))
    attempt("OSType", dom.OSType)
    attempt("hasCurrentSnapshot", lambda: dom.hasCurrentSnapshot(0))
    attempt("hasCurrentSnapshot(1)", lambda: dom.hasCurrentSnapshot(1))
    attempt("XMLDesc(secure)",
            lambda: dom.XMLDesc(libvirt.VIR_DOMAIN_XML_SECURE))
    attempt("XMLDesc(1<<10)", lambda: dom.XMLDesc(1 << 10))
    attempt("XMLDesc(0)", lambda: dom.XMLDesc(0), "\n")
    attempt("XMLDesc(inactive)",
            lambda: dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE), "\n")


def main(uri):
    libvirt.registerErrorHandler(quiet, None)
    conn = libvirt.openReadOnly(uri)
    for dom in sorted(conn.listAllDomains(0), key=lambda d: d.name()):
        describe(dom)
    conn.close()


main(sys.argv[1])
