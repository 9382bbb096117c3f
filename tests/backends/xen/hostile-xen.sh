#!/bin/sh
# hostile-xen.sh: libxl's JSON can carry any character, so strings from it
# can hold terminal escape sequences, which libvirt's XML never can.  On the
# xen fixture tree with such files added (make-host.sh --hostile):
#  - the warnings that quote a malformed c_info.uuid or the name of a save
#    image are printed without a control byte;
#  - `list --name` and `domname` print a name holding ESC as "\x1b", as the
#    table does, and every other name raw.
set -u

: "${VIRTPLUG_SRCDIR:?}" "${VIRTPLUG_TOOL:?}" "${VIRTPLUG_BACKEND_DIR:?}"
srcdir=$VIRTPLUG_SRCDIR/tests/backends/xen
if [ ! -x "$VIRTPLUG_TOOL" ] || [ ! -e "$VIRTPLUG_BACKEND_DIR/xen.so" ]; then
    echo "SKIP: the tool or the xen module is not built"
    exit 77
fi
export LC_ALL=C.UTF-8

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/host"
sh "$srcdir/make-host.sh" "$tmp/host" --hostile || exit 1
uri="xen:///system?root=$tmp/host"

fail=0 checks=0
bad() { echo "FAIL: $*"; fail=1; }
check() { checks=$((checks + 1)); }
ctl=$(printf '[\001-\011\013-\037\177]')

# no control byte but newline in FILE
clean() {
    check
    if LC_ALL=C grep -q "$ctl" "$1"; then
        bad "$2: control bytes"; od -c "$1" | head -8
    fi
}
has() {
    check
    grep -q -e "$2" "$1" || { bad "$3"; cat "$1"; }
}

"$VIRTPLUG_TOOL" -c "$uri" list --all > "$tmp/out" 2> "$tmp/err"
clean "$tmp/err" "warnings of list --all"
clean "$tmp/out" "list --all"
has "$tmp/err" 'malformed c_info.uuid' "no warning about the malformed UUID"
has "$tmp/err" 'esc-image: image of domain' "no warning about the save image"

"$VIRTPLUG_TOOL" -c "$uri" list --all --name > "$tmp/out" 2> "$tmp/err"
clean "$tmp/out" "list --name"
has "$tmp/out" '^x-esc\\x1b\[31mred$' "list --name: the ESC name is not escaped"
has "$tmp/out" '^lv-running$' "list --name: plain names changed"

"$VIRTPLUG_TOOL" -c "$uri" domname 51 > "$tmp/out" 2> "$tmp/err"
clean "$tmp/out" "domname"
has "$tmp/out" '^x-esc\\x1b\[31mred$' "domname: the ESC name is not escaped"

echo "hostile-xen: $checks checks"
[ $fail -eq 0 ]
