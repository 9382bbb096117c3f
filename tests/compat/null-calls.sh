#!/bin/sh
# null-calls.sh: every function the drop-in libraries do not implement,
# called with NULL/zero arguments, fails with VIR_ERR_NO_SUPPORT naming
# itself (see null-calls.c).

srcdir=${VIRTPLUG_SRCDIR:-.}
builddir=${VIRTPLUG_BUILDDIR:-.}
api=${VIRTPLUG_LIBVIRT_API_DIR:-/usr/share/libvirt/api}
libs=$builddir/compat/.libs
prog=$builddir/tests/compat/null-calls

[ -f "$libs/libvirt.so.0" ] || { echo "drop-in not built (--with-libvirt-compat)"; exit 77; }
[ -x "$prog" ] || { echo "$prog not built"; exit 99; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The loader's own exports are the implemented calls.
sed -n 's/^ *\(vir[A-Za-z0-9_]*\);.*/\1/p' "$srcdir/loader/libvirtplug.syms" |
    LC_ALL=C sort >"$tmp/implemented"

fail=0
for name in libvirt libvirt-qemu libvirt-lxc; do
    sed -n "s/^ *<function name='\([^']*\)'.*/\1/p" "$api/$name-api.xml" |
        LC_ALL=C sort | LC_ALL=C comm -23 - "$tmp/implemented" >"$tmp/names"
    echo "$name.so.0:"
    # The qemu and lxc libraries need the drop-in libvirt.so.0, not the
    # system's.
    LD_LIBRARY_PATH=$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
        "$prog" "$libs/$name.so.0" <"$tmp/names" || fail=1
done
exit $fail
