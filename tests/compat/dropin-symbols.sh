#!/bin/sh
# dropin-symbols.sh: the drop-in libvirt.so.0, libvirt-qemu.so.0 and
# libvirt-lxc.so.0 carry libvirt's sonames and export exactly the public
# functions and variables of libvirt's API description, each in its libvirt
# version node: nothing missing, nothing extra.  When the real libraries are
# installed, their public exports must be the same set, node for node.

builddir=${VIRTPLUG_BUILDDIR:-.}
api=${VIRTPLUG_LIBVIRT_API_DIR:-/usr/share/libvirt/api}
libs=$builddir/compat/.libs

command -v objdump >/dev/null 2>&1 || { echo "objdump not found"; exit 77; }
[ -f "$libs/libvirt.so.0" ] || { echo "drop-in not built (--with-libvirt-compat)"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# "NAME NODE" for every defined, versioned symbol of a shared object.
exports() {
    objdump -T "$1" | awk 'NF >= 2 && $0 !~ /\*UND\*/ && $(NF-1) ~ /^LIBVIRT_/ && $NF != $(NF-1) { print $NF, $(NF-1) }' |
        LC_ALL=C sort
}
# The same from an API description.  libvirt's own symbol file puts
# virConnectAuthPtrDefault in 0.4.0, a release before the "since" of its
# API description.
expected() {
    sed -n "s/^ *<\(function\|variable\) name='\([^']*\)'.* version='\([^']*\)'.*/\2 $2\3/p" "$1" |
        sed 's/^virConnectAuthPtrDefault LIBVIRT_0\.4\.1$/virConnectAuthPtrDefault LIBVIRT_0.4.0/' |
        LC_ALL=C sort
}

fail=0
for lib in libvirt:LIBVIRT_ libvirt-qemu:LIBVIRT_QEMU_ libvirt-lxc:LIBVIRT_LXC_; do
    name=${lib%%:*}
    prefix=${lib#*:}
    so=$libs/$name.so.0
    soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
    if [ "$soname" != "$name.so.0" ]; then
        echo "FAIL: $so has soname '$soname'"
        fail=1
    fi
    expected "$api/$name-api.xml" "$prefix" >"$tmp/want"
    exports "$so" | grep -v ' LIBVIRT_PRIVATE_' >"$tmp/have"
    if [ ! -s "$tmp/want" ]; then
        echo "FAIL: no functions in $api/$name-api.xml"
        fail=1
    elif diff -u "$tmp/want" "$tmp/have" >"$tmp/diff"; then
        echo "ok: $name.so.0 exports the $(wc -l <"$tmp/want") public names of $name-api.xml in their nodes"
    else
        cat "$tmp/diff"
        echo "FAIL: $name.so.0 exports differ from $name-api.xml (- missing, + extra)"
        fail=1
    fi
    real=/usr/lib/$(gcc -print-multiarch 2>/dev/null)/$name.so.0
    if [ -f "$real" ]; then
        exports "$real" | grep -v ' LIBVIRT_PRIVATE_' >"$tmp/real"
        if diff -u "$tmp/real" "$tmp/have"; then
            echo "ok: the same as the installed $real"
        else
            echo "FAIL: $name.so.0 exports differ from $real"
            fail=1
        fi
    fi
done

# The one private name: how libvirt-qemu/lxc stubs report their error.
priv=$(exports "$libs/libvirt.so.0" | grep ' LIBVIRT_PRIVATE_' | tr '\n' ' ')
if [ "$priv" != "virtplugCompatUnsupported LIBVIRT_PRIVATE_9.0.0 " ]; then
    echo "FAIL: private exports of libvirt.so.0: '$priv'"
    fail=1
fi
exit $fail
