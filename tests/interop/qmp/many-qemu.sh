#!/bin/sh
# many-qemu.sh: 50 real standalone QEMUs (-machine none: no CPU, no RAM,
# no firmware), every third one started paused (-S), all listed by
# `virtplug list --all` with their real names, ids (pids) and states in one
# listing within the QMP deadline of 1 s plus the tool's own start-up
# (measured the same way on an empty QMP directory, allowed twice over for
# the machine's load of the moment).
#
# Exit 0 pass, 1 fail, 77 skip (no QEMU, or the tool and the qemu backend
# are not built).

COUNT=${MANY_QEMU_COUNT:-50}
TIMEOUT_MS=1000
SLACK_MS=500
[ -n "${VIRTPLUG_UNDER_VALGRIND:-}" ] && SLACK_MS=5000

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

command -v qemu-system-x86_64 >/dev/null 2>&1 || skip "no qemu-system-x86_64"
TOOL=${VIRTPLUG_TOOL:-}
[ -n "$TOOL" ] && [ -x "$TOOL" ] || skip "virtplug tool not built (\$VIRTPLUG_TOOL)"
if [ -n "${VIRTPLUG_BACKEND_DIR:-}" ] && [ ! -e "$VIRTPLUG_BACKEND_DIR/qemu.so" ]; then
    skip "qemu backend not built in $VIRTPLUG_BACKEND_DIR"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/vpmanyq.XXXXXX") || fail "mktemp"
ROOT=$T/root
QMP=$ROOT/run/virtplug/qmp
mkdir -p "$QMP" "$T/empty" || fail "mkdir"

cleanup() {
    for f in "$T"/*.pid; do
        [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# -daemonize returns once the monitor socket listens.
i=0
: >"$T/expected"
while [ $i -lt "$COUNT" ]; do
    n=$(printf '%02d' $i)
    set -- -machine none -nodefaults -display none \
        -qmp "unix:$QMP/q$n.qmp,server=on,wait=off" \
        -daemonize -pidfile "$T/q$n.pid" \
        -name "guest=many-$n" -uuid "6c7a4e10-2b1f-4c3e-9a55-0000000001$n"
    state=running
    if [ $((i % 3)) -eq 0 ]; then
        set -- "$@" -S
        state=paused
    fi
    qemu-system-x86_64 "$@" >"$T/q$n.log" 2>&1 ||
        fail "cannot start QEMU $n: $(cat "$T/q$n.log")"
    echo "many-$n|$state|$(cat "$T/q$n.pid")" >>"$T/expected"
    i=$((i + 1))
done
sort -o "$T/expected" "$T/expected"

# The tool's own cost under the load of the moment: no monitor at all.
start_ns=$(date +%s%N)
"$TOOL" -c "qemu:///system?root=$ROOT&qmp_dir=$T/empty" list --all >/dev/null 2>&1 ||
    fail "listing an empty QMP directory"
base_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

URI="qemu:///system?root=$ROOT&qmp_timeout=$TIMEOUT_MS"
start_ns=$(date +%s%N)
"$TOOL" -c "$URI" list --all >"$T/out" 2>"$T/err"
rc=$?
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "virtplug list --all of $COUNT QEMUs: exit $rc, ${elapsed_ms} ms (no monitor: ${base_ms} ms)"
[ $rc -eq 0 ] || fail "virtplug exited $rc: $(cat "$T/err")"
[ -s "$T/err" ] && { echo "--- stderr:"; cat "$T/err"; fail "warnings were given"; }
[ $elapsed_ms -le $((TIMEOUT_MS + SLACK_MS + 2 * base_ms)) ] ||
    fail "took ${elapsed_ms} ms, more than ${TIMEOUT_MS} + ${SLACK_MS} + 2 x ${base_ms}"

awk 'NR > 2 && NF >= 3 { s = $3; for (i = 4; i <= NF; i++) s = s " " $i;
     print $2 "|" s "|" $1 }' "$T/out" | sort >"$T/rows"
diff -u "$T/expected" "$T/rows" || fail "listing differs from the expected rows"
echo "PASS: $COUNT QEMUs listed with their names, pids and states"
exit 0
