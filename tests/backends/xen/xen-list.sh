#!/bin/sh
# xen-list.sh: `virtplug list` on the xen fixture host tree for every option
# set of options.list, alone and after --all, against expected/ (made by
# gen-expected.sh with virsh on the same domains modelled for libvirt's test
# driver; tests/common/test-lib.sh runs the matrix); the snapshot and
# checkpoint options must fail naming xen; per-domain queries;
# `virtplug backends` shows xen; no xen module means "not installed".
set -u

: "${VIRTPLUG_SRCDIR:?}" "${VIRTPLUG_TOOL:?}" "${VIRTPLUG_BACKEND_DIR:?}"
srcdir=$VIRTPLUG_SRCDIR/tests/backends/xen
. "$VIRTPLUG_SRCDIR/tests/common/test-lib.sh"
if [ ! -x "$VIRTPLUG_TOOL" ] || [ ! -e "$VIRTPLUG_BACKEND_DIR/xen.so" ]; then
    echo "SKIP: the tool or the xen module is not built"
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/host" "$tmp/empty"
sh "$srcdir/make-host.sh" "$tmp/host" || exit 1
uri="xen:///system?root=$tmp/host"
# Refused: libvirt's libxl driver keeps no snapshots or checkpoints.
refused="--with-snapshot --without-snapshot --with-checkpoint
--without-checkpoint"

fail=0
checks=0
bad() {
    echo "FAIL: $*"
    fail=1
}

vp_golden_matrix "$uri" "$srcdir/options.list" "$srcdir/expected"
checks=$((checks + GOLDEN_PASS + GOLDEN_FAIL))
[ $GOLDEN_FAIL -eq 0 ] || bad "$GOLDEN_FAIL option sets differ"

for all in "" "--all"; do
    for opt in $refused; do
        checks=$((checks + 1))
        case $opt in
            *snapshot) what=snapshot ;;
            *) what=checkpoint ;;
        esac
        "$VIRTPLUG_TOOL" -c "$uri" list $all $opt > "$tmp/out" 2> "$tmp/err"
        rc=$?
        [ $rc -eq 1 ] || bad "list $all $opt: exit status $rc, want 1"
        grep -q -e lv- -e xl- "$tmp/out" &&
            bad "list $all $opt: printed a listing"
        grep -q '^error: .*xen' "$tmp/err" && grep -q "$what" "$tmp/err" ||
            { bad "list $all $opt: error does not name xen and ${what}s";
              cat "$tmp/err"; }
    done
done

# query CMD DOMAIN EXPECTED-FIRST-LINE (virsh's rules: domid takes a name or
# UUID, domuuid a name or id, domname an id or UUID, domstate any)
query() {
    checks=$((checks + 1))
    got=$("$VIRTPLUG_TOOL" -c "$uri" "$1" "$2" 2> /dev/null | head -n 1)
    [ "$got" = "$3" ] || bad "$1 $2: got '$got', want '$3'"
}
query domstate xl-plain "no state"
query domstate xl-known paused
query domstate xl-saved "shut off"
query domid xl-auto 6
query domstate 5 "no state"
query domname 5 xl-plain
query domname 6 xl-auto
query domuuid xl-plain 7b1a2c3d-0005-4e5f-8a9b-000000000005
query domname 7b1a2c3d-000a-4e5f-8a9b-00000000000a xl-saved

for dom in xl-stale Domain-0 bad-json other-name; do
    checks=$((checks + 1))
    if "$VIRTPLUG_TOOL" -c "$uri" domstate "$dom" > /dev/null 2>&1; then
        bad "domstate $dom: found a domain that must not be listed"
    fi
done

checks=$((checks + 1))
"$VIRTPLUG_TOOL" backends > "$tmp/out" 2>&1 || bad "backends: failed"
grep -q 'xen' "$tmp/out" || { bad "backends: no xen module"; cat "$tmp/out"; }

# Without the module, xen:// says the backend is not installed.
checks=$((checks + 1))
VIRTPLUG_BACKEND_DIR=$tmp/empty "$VIRTPLUG_TOOL" -c xen:///system list \
    > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -ne 0 ] || bad "no module: exit status 0"
grep -q 'xen' "$tmp/err" && grep -qi 'not installed' "$tmp/err" ||
    { bad "no module: error does not say xen is not installed";
      cat "$tmp/err"; }

echo "$checks checks"
exit $fail
