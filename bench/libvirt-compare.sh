#!/usr/bin/env bash
# libvirt-compare.sh: virtplug next to real libvirt, on the same domains.
#
#  1. start-up: `virtplug -c test:///default list` against
#     `virsh -c test:///default list` (libvirt's test driver, in-process);
#  2. warm daemon: `virsh -c qemu:///session list --all` through a private
#     libvirtd that holds the BENCH_DOMAINS (default 10,000) domains of the
#     benchmark tree.  The daemon is libvirt's session daemon of an
#     unprivileged user (BENCH_USER, default nobody) whose config directory
#     is a copy of the tree's configs: it loads (defines) every one of them
#     when it starts, it is started once, before the timed runs, and killed
#     at the end; the system libvirtd is never touched.  It sees no status
#     files, so it lists every domain shut off;
#  3. embed, cold: `virsh -c 'qemu:///embed?root=COPY' list --all`, a new
#     process each time, against `virtplug -c` the same URI, on a copy of
#     the tree in libvirt's embed layout.  libvirt's first run probes QEMU
#     and is not timed.  libvirt cannot reconnect to the domains the status
#     files describe (their processes do not exist), so it lists them shut
#     off; virtplug lists them running.  virtplug runs first.
# The copies are made once under $BENCH_DIR.  This machine has no
# /dev/kvm, so type='kvm' becomes type='qemu' in the copies (libvirt refuses
# to load a kvm domain without it); virtplug reads the same copies.
#
# Prints medians with min-max and the ratios.  Exit status 1 when a listing
# is wrong; 0 with a message when virsh or libvirtd is not installed.
set -euo pipefail

TOOL=${VIRTPLUG_TOOL:?set VIRTPLUG_TOOL (or use make bench-libvirt)}
: "${VIRTPLUG_BACKEND_DIR:?set VIRTPLUG_BACKEND_DIR (or use make bench-libvirt)}"
export VIRTPLUG_BACKEND_DIR
DIR=${BENCH_DIR:-/var/tmp/virtplug-bench}
N=${BENCH_DOMAINS:-10000}
REPEAT=${BENCH_REPEAT:-5}
USER_=${BENCH_USER:-nobody}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for p in virsh /usr/sbin/libvirtd runuser; do
    command -v "$p" >/dev/null || { echo "libvirt-compare: $p not installed: skipped"; exit 0; }
done

if grep -q 'libtool wrapper' "$TOOL" 2>/dev/null; then
    libtool_sh=$(dirname "$(dirname "$TOOL")")/libtool
    { read -r LD_LIBRARY_PATH; read -r TOOL; } < <("$libtool_sh" --mode=execute \
        sh -c 'printf "%s\n%s\n" "$LD_LIBRARY_PATH" "$0"' "$TOOL")
    export LD_LIBRARY_PATH
fi

tmp=$(mktemp -d)
sess=$DIR/libvirt-$N/session
daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ]; then
        kill "$daemon_pid" 2>/dev/null || true
        # wait for it to go (it writes into its directories until then)
        while kill -0 "$daemon_pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
# timeit FILE CMD...: appends the wall time of CMD in ms to FILE; CMD's
# output goes to $tmp/out.
timeit() {
    local f=$1 s e
    shift
    s=$(date +%s%N)
    "$@" >"$tmp/out" 2>"$tmp/err"
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >>"$f"
}
summary() {   # summary FILE: "median (min-max)"
    printf '%s ms (%s-%s)' "$(median <"$1")" "$(sort -g "$1" | head -1)" "$(sort -g "$1" | tail -1)"
}
status=0
count() { tail -n +3 "$tmp/out" | grep -c . || true; }

# ---- 1. start-up on the test driver --------------------------------------
: >"$tmp/vp"; : >"$tmp/lv"
for _ in $(seq "$REPEAT"); do
    timeit "$tmp/vp" "$TOOL" -c test:///default list
    timeit "$tmp/lv" virsh -c test:///default list
done
printf 'test:///default list, start-up: virtplug %s, virsh %s; virsh/virtplug %s\n' \
    "$(summary "$tmp/vp")" "$(summary "$tmp/lv")" \
    "$(calc "$(median <"$tmp/lv") / ($(median <"$tmp/vp") > 0 ? $(median <"$tmp/vp") : 1)")"

# ---- the copies ----------------------------------------------------------
tree=$DIR/tree-$N
if [ ! -f "$tree/.complete" ]; then
    rm -rf "$tree"; mkdir -p "$tree"
    python3 "$HERE/gen-tree.py" "$tree" "$N"
    touch "$tree/.complete"
fi
embed=$DIR/libvirt-$N/embed
if [ ! -f "$DIR/libvirt-$N/.complete" ]; then
    rm -rf "$DIR/libvirt-$N"
    mkdir -p "$embed/etc" "$embed/run" "$embed/lib" "$sess/cfg/libvirt" \
        "$sess/rt" "$sess/cache" "$sess/data"
    cp -a "$tree/etc/libvirt/qemu" "$embed/etc/qemu"
    cp -a "$tree/run/libvirt/qemu" "$embed/run/qemu"
    cp -a "$tree/var/lib/libvirt/qemu" "$embed/lib/qemu"
    find "$embed/etc/qemu" "$embed/run/qemu" -maxdepth 1 -name '*.xml' -type f \
        -exec sed -i "s/<domain type='kvm'/<domain type='qemu'/" {} +
    cp -a "$embed/etc/qemu" "$sess/cfg/libvirt/qemu"
    chown -R "$USER_" "$sess"
    chmod 700 "$sess/rt"
    touch "$DIR/libvirt-$N/.complete"
fi

# ---- 2. a warm daemon holding the domains --------------------------------
as_user() {
    runuser -u "$USER_" -- env HOME="$sess" XDG_CONFIG_HOME="$sess/cfg" \
        XDG_RUNTIME_DIR="$sess/rt" XDG_CACHE_HOME="$sess/cache" \
        XDG_DATA_HOME="$sess/data" "$@"
}
# The first connection starts the daemon, which loads every config.
as_user virsh -c qemu:///session list --all >"$tmp/out" 2>"$tmp/err" || true
daemon_pid=$(cat "$sess/rt/libvirt/libvirtd.pid" 2>/dev/null || true)
got=$(count)
if [ "$got" != "$N" ]; then
    echo "libvirt-compare: the session daemon lists $got of $N domains" >&2
    head -3 "$tmp/err" >&2
    status=1
fi
: >"$tmp/lvd"; : >"$tmp/vpe"; : >"$tmp/lve"
for _ in $(seq "$REPEAT"); do
    timeit "$tmp/lvd" as_user virsh -c qemu:///session list --all
done

# ---- 3. embed, cold --------------------------------------------------------
uri="qemu:///embed?root=$embed"
for _ in $(seq "$REPEAT"); do
    timeit "$tmp/vpe" "$TOOL" -c "$uri" list --all
done
got=$(count)
[ "$got" = "$N" ] || { echo "libvirt-compare: virtplug lists $got of $N in $embed" >&2; status=1; }
virsh -c "$uri" list --all >/dev/null 2>&1 || true   # probes QEMU once
for _ in $(seq "$REPEAT"); do
    timeit "$tmp/lve" virsh -c "$uri" list --all
done
got=$(count)
[ "$got" = "$N" ] || { echo "libvirt-compare: libvirt embed lists $got of $N" >&2; status=1; }

vpe=$(median <"$tmp/vpe")
printf '%d domains, list --all: virtplug cold %s; virsh via warm libvirtd %s; virsh embed cold %s\n' \
    "$N" "$(summary "$tmp/vpe")" "$(summary "$tmp/lvd")" "$(summary "$tmp/lve")"
printf 'ratios to virtplug: warm libvirtd %sx, libvirt embed %sx\n' \
    "$(calc "$(median <"$tmp/lvd") / ($vpe > 0 ? $vpe : 1)")" \
    "$(calc "$(median <"$tmp/lve") / ($vpe > 0 ? $vpe : 1)")"
printf 'median of %d runs; %s CPUs, load %s\n' "$REPEAT" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
