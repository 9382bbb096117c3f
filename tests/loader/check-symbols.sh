#!/bin/sh
# check-symbols.sh: libvirtplug.so.0 exports exactly the names listed in
# loader/libvirtplug.syms, and every backend module exports only its entry
# symbol.  A name listed but compiled hidden would silently be missing.

srcdir=${VIRTPLUG_SRCDIR:-.}
builddir=${VIRTPLUG_BUILDDIR:-.}
lib=$builddir/loader/.libs/libvirtplug.so.0

command -v nm >/dev/null 2>&1 || { echo "nm not found"; exit 77; }
[ -f "$lib" ] || { echo "$lib not built"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Defined dynamic symbols of a shared object, without version suffixes and
# without the linker's own markers.
exports() {
    nm -D --defined-only "$1" | awk 'NF == 3 { print $3 }' |
        sed 's/@.*//' |
        grep -v -e '^_init$' -e '^_fini$' -e '^_edata$' -e '^_end$' \
            -e '^__bss_start$' -e '^VIRTPLUG_' |
        LC_ALL=C sort
}

# The .syms file's global names, one per line.
sed -n '/global:/,/local:/p' "$srcdir/loader/libvirtplug.syms" |
    sed -e 's/#.*//' -e 's/[[:space:]]//g' -e 's/;$//' |
    grep -v -e '^global:' -e '^local:' -e '^$' |
    LC_ALL=C sort >"$tmp/want"
exports "$lib" >"$tmp/have"

fail=0
if ! diff -u "$tmp/want" "$tmp/have"; then
    echo "FAIL: exports of $lib differ from libvirtplug.syms" \
        "(- listed only, + exported only)"
    fail=1
else
    echo "ok: $lib exports the $(wc -l <"$tmp/want") names of" \
        "libvirtplug.syms"
fi

# Backend modules (the installed kind and the loader's test modules).
checked=0
for mod in "$builddir"/backends/.libs/*.so "$builddir"/tests/loader/.libs/*.so
do
    [ -f "$mod" ] || continue
    case $mod in
    */nosym.so) want=virtplug_not_the_entry ;;   # broken on purpose
    */abi1.so) want=virtplug_backend_entry ;;   # the first ABI, refused
    *) want=virtplug_backend_entry_v2 ;;
    esac
    have=$(exports "$mod" | tr '\n' ' ' | sed 's/ $//')
    if [ "$have" != "$want" ]; then
        echo "FAIL: $mod exports '$have', expected '$want'"
        fail=1
    fi
    checked=$((checked + 1))
done
echo "checked $checked backend modules"
exit $fail
