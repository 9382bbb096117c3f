"""open-auth.py URI: the three ways to open a connection, and a failing
open, through python3-libvirt."""
import sys

import libvirt


def quiet(ctx, err):
    pass


def request_cred(credentials, user_data):
    print("auth callback called")   # never, for a local URI
    return 0


def main(uri):
    libvirt.registerErrorHandler(quiet, None)
    for how, conn in (
            ("open", lambda: libvirt.open(uri)),
            ("openReadOnly", lambda: libvirt.openReadOnly(uri)),
            ("openAuth", lambda: libvirt.openAuth(
                uri, [[libvirt.VIR_CRED_AUTHNAME,
                       libvirt.VIR_CRED_PASSPHRASE], request_cred, None],
                libvirt.VIR_CONNECT_RO))):
        c = conn()
        print("%s: uri=%s type=%s domains=%d" % (how, c.getURI(), c.getType(),
                                                 len(c.listAllDomains(0))))
        c.close()
    print("version ok: %s" % (libvirt.getVersion() >= 9000000))
    try:
        libvirt.openReadOnly("test:///")
    except libvirt.libvirtError as e:
        print("test:///: error code=%s domain=%s message=%s"
              % (e.get_error_code(), e.get_error_domain(),
                 e.get_error_message()))


main(sys.argv[1])
