#!/bin/sh
# libvirtd-clients.sh: real libvirt clients, unchanged, print byte for byte
# the same on real libvirt (qemu:///system, a real libvirtd) and on
# virtplug, against the same domains:
#  - python3-libvirt scripts (tests/compat/py), through the drop-in
#    (`virtplug exec`);
#  - libvirt-doc's hellolibvirt.c and info1.c (for every domain) compiled
#    against the compat headers, and built against real libvirt and run on
#    the drop-in;
# The domains are the
# interop peer's domain set (running, paused, shut off, transient,
# autostart, managed save, snapshots), defined for this test and removed
# after it.  Exit 77 without root, libvirtd, python3-libvirt or the drop-in.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${VIRTPLUG_BUILDDIR:-.}
tool=${VIRTPLUG_TOOL:-$builddir/tools/virtplug}
python=/usr/bin/python3
dropin=$builddir/compat/.libs

[ -x "$tool" ] || { echo "SKIP: no virtplug tool"; exit 77; }
[ -f "$dropin/libvirt.so.0" ] || { echo "SKIP: the drop-in is not built"; exit 77; }
"$python" -c 'import libvirt' 2>/dev/null || { echo "SKIP: no python3-libvirt"; exit 77; }
# A sanitizer build of the drop-in cannot be loaded into python3.
if nm -D "$dropin/libvirt.so.0" | grep -q ' U __asan_init\| U __ubsan_'; then
    echo "SKIP: sanitizer build of the drop-in"; exit 77
fi
export LC_ALL=C.UTF-8
# shellcheck source=../interop/libvirt/peer-lib.sh
. "$srcdir/tests/interop/libvirt/peer-lib.sh"

# The machine's libvirtd is shared: see peer_lock in peer-lib.sh.
peer_lock

peer_init system
peer_setup
tmp=$(mktemp -d)
trap 'peer_teardown; rm -rf "$tmp"' EXIT
# Only libvirt's errors reach the output, not its log.
LIBVIRT_LOG_OUTPUTS=1:file:/dev/null; export LIBVIRT_LOG_OUTPUTS
VIRTPLUG_LIBVIRT_COMPAT_DIR=$dropin; export VIRTPLUG_LIBVIRT_COMPAT_DIR
fail=0
cc=${CC:-cc}
examples=${VIRTPLUG_LIBVIRT_EXAMPLES:-/usr/share/doc/libvirt-doc/examples/c}

# compare LABEL: $tmp/real and $tmp/other are the same, and not empty.
compare() {
    if [ ! -s "$tmp/real" ]; then
        echo "FAIL: $1: no output on real libvirt"
        fail=1
    elif cmp -s "$tmp/real" "$tmp/other"; then
        echo "ok: $1 ($(wc -l <"$tmp/real") lines)"
    else
        diff -u "$tmp/real" "$tmp/other"
        echo "FAIL: $1 differs"
        fail=1
    fi
}

if [ -f "$examples/domain/info1.c" ] && pkg-config --exists libvirt; then
    for src in "$examples/domain/info1.c" "$examples/misc/hellolibvirt.c"; do
        p=$(basename "$src" .c)
        # shellcheck disable=SC2086
        "$cc" ${CFLAGS:-} -o "$tmp/$p.vp" "$src" -I"$srcdir/include/libvirt-compat" \
            -I"$srcdir/include" -L"$builddir/loader/.libs" -lvirtplug \
            -Wl,-rpath,"$builddir/loader/.libs" || { echo "FAIL: $p (compat)"; fail=1; }
        # shellcheck disable=SC2046,SC2086
        "$cc" ${CFLAGS:-} -o "$tmp/$p.real" "$src" $(pkg-config --cflags --libs libvirt) ||
            { echo "FAIL: $p (libvirt)"; fail=1; }
    done
    # hellolibvirt lists names in the daemon's order: compared sorted.
    "$tmp/hellolibvirt.real" qemu:///system 2>&1 | LC_ALL=C sort >"$tmp/real"
    "$tmp/hellolibvirt.vp" qemu:///system 2>&1 | LC_ALL=C sort >"$tmp/other"
    compare "hellolibvirt (compat headers), qemu:///system"
    "$tool" exec -- "$tmp/hellolibvirt.real" qemu:///system 2>&1 | LC_ALL=C sort >"$tmp/other"
    compare "hellolibvirt built on libvirt, run on the drop-in, qemu:///system"
    names=$(V list --all --name | grep "^$PEER_PREFIX" | LC_ALL=C sort)
    for n in $names nosuch; do "$tmp/info1.real" qemu:///system "$n"; done >"$tmp/real" 2>&1
    for n in $names nosuch; do "$tmp/info1.vp" qemu:///system "$n"; done >"$tmp/other" 2>&1
    compare "info1 (compat headers), every domain of qemu:///system"
    for n in $names nosuch; do "$tool" exec -- "$tmp/info1.real" qemu:///system "$n"; done \
        >"$tmp/other" 2>&1
    compare "info1 built on libvirt, run on the drop-in, every domain of qemu:///system"
else
    echo "skip: no libvirt-doc examples or no libvirt-dev"
fi

for script in "$srcdir"/tests/compat/py/*.py; do
    s=$(basename "$script")
    "$python" "$script" qemu:///system >"$tmp/real" 2>&1
    "$tool" exec -- "$python" "$script" qemu:///system >"$tmp/other" 2>&1
    # Each script must have seen the peer's domains, not an empty host.
    if ! grep -q "${PEER_PREFIX}running" "$tmp/real" && [ "$s" != open-auth.py ]; then
        echo "FAIL: $s did not see ${PEER_PREFIX}running on real libvirt"
        fail=1
    else
        compare "python3-libvirt $s on the drop-in, qemu:///system"
    fi
done
exit $fail
