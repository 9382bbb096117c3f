#!/bin/sh
# symbols-files.sh: debian/<package>.symbols lists exactly the names of the
# library's version script, in its version node.  The package build fails
# on any difference (dpkg-gensymbols -c4); this finds it in make check, in
# a second, instead of minutes into the packaging step.
#
# The version scripts are the source of truth (tests/loader/check-symbols.sh
# and tests/plugin-api/check-sdk-symbols.sh hold them to the code); after
# adding an export, add "NAME@NODE VERSION" to the .symbols file, VERSION
# being the first package version that exports it (never one above the
# version being built, or the packages that use it could not be installed),
# and " NODE@NODE VERSION" for a new node.
srcdir=${VIRTPLUG_SRCDIR:-.}
[ -d "$srcdir/debian" ] || { echo "SKIP: no debian/ in $srcdir"; exit 77; }
export LC_ALL=C
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# NAME@NODE for every name of a version script (every node).
script_symbols() {
    awk '/^[ \t]*(\/\*|#)/ { next }
         /^[A-Z][A-Z0-9_.]* *\{/ { node = $1; next }
         /^\}/ { node = ""; next }
         node != "" && /^[ \t]*[A-Za-z_][A-Za-z0-9_]*;[ \t]*$/ {
             gsub(/[ \t;]/, ""); print $0 "@" node }' "$1"
}

# check SYMBOLS VERSION-SCRIPT
check() {
    symbols=$srcdir/debian/$1 script=$srcdir/$2
    script_symbols "$script" | sort -u >"$tmp/want"
    nodes=$(sed 's/.*@//' "$tmp/want" | sort -u)
    [ -n "$nodes" ] || { echo "FAIL: $2: no version node"; fail=1; return; }
    # Each node is listed as NODE@NODE, each name as NAME@NODE.
    for node in $nodes; do
        grep -q "^ $node@$node " "$symbols" ||
            { echo "FAIL: $1 lacks the version node $node@$node"; fail=1; }
    done
    sed -n 's/^ \([A-Za-z_][A-Za-z0-9_.]*@[A-Z][A-Z0-9_.]*\) .*/\1/p' "$symbols" |
        awk -F@ '$1 != $2' | sort -u >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got"; then
        echo "ok: $1 matches $2 ($(wc -l <"$tmp/want") symbols, nodes $(echo $nodes))"
    else
        echo "FAIL: $1 differs from $2 (< only in the script, > only in the .symbols):"
        diff "$tmp/want" "$tmp/got" | grep '^[<>]'
        fail=1
    fi
}

check libvirtplug0.symbols loader/libvirtplug.syms
check libvirtplug-backend0.symbols plugin-api/libvirtplug-backend.syms
exit "$fail"
