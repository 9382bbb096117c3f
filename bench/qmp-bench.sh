#!/usr/bin/env bash
# qmp-bench.sh: `virtplug list --all` over BENCH_MONITORS (default 1,000)
# standalone QEMU monitors that answer, each message after its own delay
# of 1-50 ms (bench/qmp-monitors), all within one QMP deadline of 1 s.
#
# Checks that every monitor is listed with its real name and state, that
# the median listing stays within the deadline, and that a soft descriptor
# limit below what is needed is raised (a run under `ulimit -Sn 256`),
# and that a hard limit too low for the deadline is named in the warnings
# (`ulimit -n 96`).
#
# Environment (`make bench` sets the first three):
#   VIRTPLUG_TOOL, VIRTPLUG_BACKEND_DIR, BENCH_QMP_MONITORS (the server)
#   BENCH_MONITORS   default 1000
#   BENCH_REPEAT     runs, median taken (default 5)
# Exit status 1 when a target is missed or a listing is wrong.
set -euo pipefail

TOOL=${VIRTPLUG_TOOL:?set VIRTPLUG_TOOL (or use make bench)}
SERVER=${BENCH_QMP_MONITORS:?set BENCH_QMP_MONITORS (or use make bench)}
: "${VIRTPLUG_BACKEND_DIR:?set VIRTPLUG_BACKEND_DIR (or use make bench)}"
export VIRTPLUG_BACKEND_DIR
N=${BENCH_MONITORS:-1000}
REPEAT=${BENCH_REPEAT:-5}
DEADLINE_MS=1000

if grep -q 'libtool wrapper' "$TOOL" 2>/dev/null; then
    libtool_sh=$(dirname "$(dirname "$TOOL")")/libtool
    { read -r LD_LIBRARY_PATH; read -r TOOL; } < <("$libtool_sh" --mode=execute \
        sh -c 'printf "%s\n%s\n" "$LD_LIBRARY_PATH" "$0"' "$TOOL")
    export LD_LIBRARY_PATH
fi

tmp=$(mktemp -d)
server=
cleanup() {
    exec 9>&- 2>/dev/null || true
    [ -n "$server" ] && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
root=$tmp/root
qmp=$root/run/virtplug/qmp
mkdir -p "$qmp" "$root/etc/libvirt/qemu"

# The server runs until its stdin (fd 9 here) closes; it says "ready" once
# every socket listens.
mkfifo "$tmp/in" "$tmp/ready"
"$SERVER" "$qmp" "$N" 1 50 <"$tmp/in" >"$tmp/ready" &
server=$!
exec 9>"$tmp/in"
read -r said <"$tmp/ready" || true
[ "$said" = ready ] || { echo "bench: the monitor server did not start" >&2; exit 1; }

uri="qemu:///system?root=$root&qmp_timeout=$DEADLINE_MS"
status=0

# check FILE: every monitor listed by name with its state.
check() {
    local got
    got=$(grep -cE '^ [0-9]+ +fake-[0-9]{4} +(running|paused) *$' "$1" || true)
    if [ "$got" != "$N" ]; then
        echo "bench: $got of $N monitors listed with name and state" >&2
        grep -v -E 'fake-[0-9]{4} +(running|paused)' "$1" | head -5 >&2
        status=1
    fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$tmp/ms"
for _ in $(seq "$REPEAT"); do
    s=$(date +%s%N)
    "$TOOL" -c "$uri" list --all >"$tmp/out" 2>"$tmp/err" || status=1
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >>"$tmp/ms"
    check "$tmp/out"
done
med=$(median <"$tmp/ms")
min=$(sort -g "$tmp/ms" | head -1)
max=$(sort -g "$tmp/ms" | tail -1)
printf '%d monitors, 1-50 ms a message: list --all median %d ms (min %d, max %d), deadline %d ms\n' \
    "$N" "$med" "$min" "$max" "$DEADLINE_MS"
if [ "$med" -gt "$DEADLINE_MS" ]; then
    echo "bench: target missed: median $med ms > deadline $DEADLINE_MS ms" >&2
    status=1
fi

# A soft limit below what is needed is raised up to the hard one.
( ulimit -Sn 256 && "$TOOL" -c "$uri" list --all ) >"$tmp/out" 2>"$tmp/err" || status=1
check "$tmp/out"
echo "with ulimit -Sn 256: $(grep -cE 'fake-[0-9]{4} +(running|paused)' "$tmp/out") of $N listed"
# A hard limit too low: each monitor not asked names the limit.
( ulimit -n 96 && "$TOOL" -c "$uri" list --all ) >"$tmp/out" 2>"$tmp/err" || true
if ! grep -q 'RLIMIT_NOFILE is 96' "$tmp/err"; then
    echo "bench: a hard limit of 96 descriptors was not named" >&2
    head -3 "$tmp/err" >&2
    status=1
else
    echo "with ulimit -n 96 (hard): listed $(grep -cE "fake-[0-9]{4} +(running|paused)" "$tmp/out"), $(grep -c 'RLIMIT_NOFILE is 96' "$tmp/err") warnings name the limit"
fi
printf '%s CPUs, load %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
