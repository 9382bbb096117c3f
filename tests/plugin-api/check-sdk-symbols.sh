#!/bin/sh
# check-sdk-symbols.sh: libvirtplug-backend.so.0 (the backend SDK) exports
# exactly the names of plugin-api/libvirtplug-backend.syms, each with the
# version node the script gives it, and every exported name is declared
# in an installed SDK header.

srcdir=${VIRTPLUG_SRCDIR:-.}
builddir=${VIRTPLUG_BUILDDIR:-.}
lib=$builddir/plugin-api/.libs/libvirtplug-backend.so.0
syms=$srcdir/plugin-api/libvirtplug-backend.syms

command -v nm >/dev/null 2>&1 || { echo "nm not found"; exit 77; }
[ -f "$lib" ] || { echo "FAIL: $lib not built"; exit 1; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk 'NF == 3 && $2 == "T" { print $3 }' |
    grep -v '^VIRTPLUG_' | LC_ALL=C sort >"$tmp/have"
# Each name with the node it is listed under (the script is append-only:
# one node per release).
sed -e 's|/\*.*\*/||' "$syms" |
    awk '/^[A-Z][A-Z0-9_.]* *\{/ { node = $1; inglobal = 0; next }
         /global:/ { inglobal = 1; next }
         /local:|^\}/ { inglobal = 0; next }
         inglobal { gsub(/[[:space:];]/, ""); if ($0 != "") print $0 "@@" node }' |
    LC_ALL=C sort >"$tmp/want"

fail=0
if ! diff -u "$tmp/want" "$tmp/have"; then
    echo "FAIL: exports of $lib differ from $syms (- listed only," \
        "+ exported only)"
    fail=1
else
    echo "ok: $lib exports the $(wc -l <"$tmp/want") versioned names of" \
        "libvirtplug-backend.syms"
fi

for name in $(sed 's/@.*//' "$tmp/want"); do
    if ! grep -q "[ *]$name(" "$srcdir"/include/virtplug/vp-*.h; then
        echo "FAIL: $name is exported but no installed header declares it"
        fail=1
    fi
done
exit $fail
