#!/bin/sh
# real-clients.sh: real libvirt clients, unchanged, on virtplug.
#
#  - libvirt's own examples (libvirt-doc: hellolibvirt, info1) and
#    host-calls.c compiled against the compat headers print what they print
#    on real libvirt for test:///default, and the expected text on the
#    example qemu/xen hosts;
#  - with the drop-in built: the same programs compiled against real
#    libvirt, and python3-libvirt scripts, print byte for byte the same
#    through `virtplug exec` as on real libvirt, on test:///default
#    (libvirtd-clients.sh does qemu:///system).

srcdir=${VIRTPLUG_SRCDIR:-.}
# Real libvirt also logs warnings to stderr (for one, "getaddrinfo failed"
# for a host name that does not resolve, as in a bare chroot); they are
# libvirt's diagnostics, not what the calls return (errors still reach
# stderr through the default error handler, which is compared), so its log
# goes nowhere.
LIBVIRT_LOG_OUTPUTS=${LIBVIRT_LOG_OUTPUTS:-1:file:/dev/null}; export LIBVIRT_LOG_OUTPUTS
builddir=${VIRTPLUG_BUILDDIR:-.}
tool=${VIRTPLUG_TOOL:-$builddir/tools/virtplug}
examples=${VIRTPLUG_LIBVIRT_EXAMPLES:-/usr/share/doc/libvirt-doc/examples/c}
cc=${CC:-cc}
python=/usr/bin/python3

[ -f "$examples/misc/hellolibvirt.c" ] || { echo "no libvirt-doc examples in $examples"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Programs that only use calls virtplug implements; info1 also takes a
# domain name.
progs="$examples/misc/hellolibvirt.c $srcdir/tests/compat/host-calls.c"
info1=$examples/domain/info1.c

# The uninstalled library, as an installed one would be used.
vplib=$builddir/loader/.libs
for src in $progs $info1; do
    p=$(basename "$src" .c)
    # shellcheck disable=SC2086
    "$cc" $CFLAGS -o "$tmp/$p.vp" "$src" -I"$srcdir/include/libvirt-compat" \
        -I"$srcdir/include" -L"$vplib" -lvirtplug -Wl,-rpath,"$vplib" ||
        bad "$p does not compile against the compat headers"
done

have_real=no
if pkg-config --exists libvirt 2>/dev/null; then
    have_real=yes
    for src in $progs $info1; do
        p=$(basename "$src" .c)
        # shellcheck disable=SC2046
        "$cc" $CFLAGS -o "$tmp/$p.real" "$src" $(pkg-config --cflags --libs libvirt) ||
            bad "$p does not compile against libvirt"
    done
fi

# same LABEL CMD1 -- CMD2: both print the same (stdout and stderr).
same() {
    label=$1; shift
    a=; while [ "$1" != -- ]; do a="$a '$1'"; shift; done; shift
    eval "$a" >"$tmp/a" 2>&1
    "$@" >"$tmp/b" 2>&1
    if cmp -s "$tmp/a" "$tmp/b"; then
        echo "ok: $label ($(wc -l <"$tmp/a") lines)"
    else
        diff -u "$tmp/a" "$tmp/b"
        bad "$label differs"
    fi
}

if [ $have_real = yes ]; then
    for src in $progs; do
        p=$(basename "$src" .c)
        same "$p (compat headers) = $p on libvirt, test:///default" \
            "$tmp/$p.real" test:///default -- "$tmp/$p.vp" test:///default
    done
    for name in test nosuch; do
        same "info1 (compat headers) = info1 on libvirt, test:///default $name" \
            "$tmp/info1.real" test:///default $name -- \
            "$tmp/info1.vp" test:///default $name
    done
fi

# The example hosts: libvirt cannot open these trees, so the expected text
# is stored (the root path is written as ROOT), sorted: domains come in
# directory order.
for host in qemu:qemu:///system xen:xen:///system; do
    name=${host%%:*}
    uri="${host#*:}?root=$srcdir/examples/hosts/$name"
    "$tmp/hellolibvirt.vp" "$uri" 2>&1 |
        sed "s|$srcdir/examples/hosts/$name|ROOT|" | LC_ALL=C sort >"$tmp/out"
    if diff -u "$srcdir/tests/compat/expected/hellolibvirt-$name.out" "$tmp/out"; then
        echo "ok: hellolibvirt on the example $name host"
    else
        bad "hellolibvirt on the example $name host"
    fi
    # info1 for every domain of the host, in name order.
    for dom in $("$tool" -c "$uri" list --all --name | LC_ALL=C sort); do
        "$tmp/info1.vp" "$uri" "$dom" 2>&1
    done >"$tmp/out"
    if diff -u "$srcdir/tests/compat/expected/info1-$name.out" "$tmp/out"; then
        echo "ok: info1 on the example $name host"
    else
        bad "info1 on the example $name host"
    fi
done

# The drop-in.
if [ -f "$builddir/compat/.libs/libvirt.so.0" ] && [ $have_real = yes ]; then
    VIRTPLUG_LIBVIRT_COMPAT_DIR=$builddir/compat/.libs
    export VIRTPLUG_LIBVIRT_COMPAT_DIR
    for src in $progs; do
        p=$(basename "$src" .c)
        same "$p built on libvirt, run on the drop-in, test:///default" \
            "$tmp/$p.real" test:///default -- \
            "$tool" exec -- "$tmp/$p.real" test:///default
    done
    for name in test nosuch; do
        same "info1 built on libvirt, run on the drop-in, test:///default $name" \
            "$tmp/info1.real" test:///default $name -- \
            "$tool" exec -- "$tmp/info1.real" test:///default $name
    done
    # A sanitizer build of the drop-in cannot be loaded into an
    # uninstrumented python3.
    if nm -D "$builddir/compat/.libs/libvirt.so.0" | grep -q ' U __asan_init\| U __ubsan_'; then
        echo "skip: python3-libvirt on a sanitizer build of the drop-in"
    elif "$python" -c 'import libvirt' 2>/dev/null; then
        for script in "$srcdir"/tests/compat/py/*.py; do
            s=$(basename "$script")
            same "python3-libvirt $s on the drop-in, test:///default" \
                "$python" "$script" test:///default -- \
                "$tool" exec -- "$python" "$script" test:///default
        done
        # qemu:///system, against domains defined for it, is
        # libvirtd-clients.sh's.  The example hosts, which libvirt cannot
        # open: the stored text.
        for name in qemu xen; do
            uri="$name:///system?root=$srcdir/examples/hosts/$name"
            "$tool" exec -- "$python" "$srcdir/tests/compat/py/definition.py" "$uri" \
                2>&1 | sed "s|$srcdir/examples/hosts/$name|ROOT|g" >"$tmp/out"
            if diff -u "$srcdir/tests/compat/expected/definition-$name.out" "$tmp/out"; then
                echo "ok: python3-libvirt definition.py on the drop-in, example $name host"
            else
                bad "python3-libvirt definition.py on the example $name host"
            fi
        done
    else
        echo "skip: python3-libvirt not installed"
    fi
else
    echo "skip: the drop-in is not built or libvirt-dev is missing"
fi
exit $fail
