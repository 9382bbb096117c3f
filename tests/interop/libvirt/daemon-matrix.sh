#!/bin/sh
# daemon-matrix.sh: virtplug against a real libvirtd (qemu:///system).
#  1. the list matrix: `virtplug list OPTS` and `virsh list OPTS` byte for
#     byte, every option alone and with --all;
#  2. the concurrent check: domains are started, suspended, resumed,
#     destroyed, created and undefined while `virtplug list --all --name`
#     runs in a loop (>= 200 listings); no listing may show a name twice or
#     miss a domain that stayed put.
# Exit 77 when not root or when libvirt cannot be installed or started.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
tool=${VIRTPLUG_TOOL:-}
[ -n "$tool" ] && [ -x "$tool" ] || { echo "SKIP: no virtplug tool"; exit 77; }
export LC_ALL=C.UTF-8
# shellcheck source=peer-lib.sh
. "$srcdir/tests/interop/libvirt/peer-lib.sh"

# The machine's libvirtd is shared: see peer_lock in peer-lib.sh.
peer_lock

peer_init system
peer_setup
tmp=$(mktemp -d)
trap 'peer_teardown; rm -rf "$tmp"' EXIT
fail=0

peer_sanity "$tool" || fail=1
peer_matrix "$tool" "$srcdir/tests/backends/qemu/options.list" "$tmp"
[ "$MATRIX_FAIL" -eq 0 ] || fail=1

# ---- concurrent changes --------------------------------------------------
P=$PEER_PREFIX
stay="${P}shutoff ${P}running ${P}paused ${P}autostart ${P}autostart-running ${P}managedsave ${P}snapshot ${P}transient ${P}transient-paused"
peer_define "${P}churn1"
peer_define "${P}churn2"
peer_xml "${P}churn-transient" > "$tmp/churn-transient.xml"

churn() {
    while [ ! -e "$tmp/stop" ]; do
        V start "${P}churn1" >/dev/null 2>&1
        V suspend "${P}churn1" >/dev/null 2>&1
        V start "${P}churn2" >/dev/null 2>&1
        V create "$tmp/churn-transient.xml" >/dev/null 2>&1
        V resume "${P}churn1" >/dev/null 2>&1
        V destroy "${P}churn1" >/dev/null 2>&1
        V destroy "${P}churn-transient" >/dev/null 2>&1
        V destroy "${P}churn2" >/dev/null 2>&1
        V undefine "${P}churn2" >/dev/null 2>&1
        V define "$PEER_STATE/${P}churn2.xml" >/dev/null 2>&1
        echo x >> "$tmp/rounds"
    done
}
: > "$tmp/rounds"
churn &
churnpid=$!

listings=0 dups=0 misses=0 errors=0 sawchurn=0 sawtransient=0
while [ $listings -lt 200 ] || [ "$(wc -l < "$tmp/rounds" 2>/dev/null || echo 0)" -lt 5 ]; do
    if ! "$tool" -c "$PEER_URI" list --all --name > "$tmp/l" 2> "$tmp/e"; then
        errors=$((errors + 1)); head -2 "$tmp/e"
    fi
    listings=$((listings + 1))
    d=$(grep -v '^$' "$tmp/l" | sort | uniq -d)
    if [ -n "$d" ]; then dups=$((dups + 1)); echo "duplicate in listing $listings: $d"; fi
    grep -qx "${P}churn1" "$tmp/l" && sawchurn=$((sawchurn + 1))
    grep -qx "${P}churn-transient" "$tmp/l" && sawtransient=$((sawtransient + 1))
    for s in $stay; do
        grep -qx "$s" "$tmp/l" || { misses=$((misses + 1)); echo "listing $listings misses $s"; }
    done
    [ $listings -ge 5000 ] && break
done
: > "$tmp/stop"
wait "$churnpid"
rounds=$(wc -l < "$tmp/rounds" 2>/dev/null || echo 0)
echo "concurrent: $listings listings during $rounds churn rounds: $dups with a duplicate, $misses misses, $errors errors"
echo "concurrent: ${P}churn1 seen in $sawchurn listings, ${P}churn-transient in $sawtransient"
[ $dups -eq 0 ] && [ $misses -eq 0 ] && [ $errors -eq 0 ] || fail=1
exit $fail
