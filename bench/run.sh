#!/usr/bin/env bash
# run.sh: time `virtplug list --all` on generated libvirt QEMU host trees
# next to the I/O floor (bench/io-floor), and check the targets:
#   - at 10,000 domains virtplug takes at most 1.5x the floor,
#   - time grows linearly: per-domain time at the largest size is at most
#     1.5x the per-domain time at 10,000,
#   - peak RSS at 100,000 domains is at most 32 MiB.
# It also prints the memory each domain costs: the peak RSS growth from the
# smallest to the largest size, divided by the domains added.
#
# "Cold" means a new process for every run; the page cache is warm (each
# tree is read once before timing), so this measures CPU cost, not the
# disk.  BENCH_DROP_CACHES=1 (root) drops the page cache before every run.
#
# Environment (`make bench` sets the first three):
#   VIRTPLUG_TOOL         the tool (a libtool wrapper is fine)
#   VIRTPLUG_BACKEND_DIR  where the qemu backend module is
#   BENCH_FLOOR           the io-floor program
#   BENCH_DIR             where trees are kept (default /var/tmp/virtplug-bench);
#                         a tree is generated once and reused
#   BENCH_SIZES           default "1000 10000 100000"
#   BENCH_REPEAT          runs per measurement, median taken (default 5)
#   BENCH_METRIC          wall (default) or cpu (user + sys): what the
#                         targets are checked on; use cpu on a busy machine
# Exit status 1 when a target is missed or a listing is wrong.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOL=${VIRTPLUG_TOOL:?set VIRTPLUG_TOOL (or use make bench)}
FLOOR=${BENCH_FLOOR:?set BENCH_FLOOR (or use make bench)}
: "${VIRTPLUG_BACKEND_DIR:?set VIRTPLUG_BACKEND_DIR (or use make bench)}"
export VIRTPLUG_BACKEND_DIR
DIR=${BENCH_DIR:-/var/tmp/virtplug-bench}
SIZES=${BENCH_SIZES:-1000 10000 100000}
REPEAT=${BENCH_REPEAT:-5}
METRIC=${BENCH_METRIC:-wall}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs $TIME (apt-get install time)" >&2; exit 1; }

# The libtool wrapper script would add a shell's start-up to every run; run
# the real binary with the library path the wrapper would set.
if grep -q 'libtool wrapper' "$TOOL" 2>/dev/null; then
    libtool_sh=$(dirname "$(dirname "$TOOL")")/libtool
    # libtool replaces the wrapper argument by the real binary and sets the
    # library path for the command it runs.
    { read -r LD_LIBRARY_PATH; read -r TOOL; } < <("$libtool_sh" --mode=execute \
        sh -c 'printf "%s\n%s\n" "$LD_LIBRARY_PATH" "$0"' "$TOOL")
    export LD_LIBRARY_PATH
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

drop_caches() {
    if [ "${BENCH_DROP_CACHES:-0}" = 1 ]; then
        sync; echo 3 >/proc/sys/vm/drop_caches
    fi
}

# Runs a command once; prints "WALL CPU" in seconds (CPU = user + sys, ms
# resolution from bash's `time`).  Its stdout goes to $tmp/out.
measure() {
    local TIMEFORMAT='%3R %3U %3S'
    drop_caches
    { time "$@" >"$tmp/out"; } 2>"$tmp/time"
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$tmp/time"
}

# Peak RSS of one run in KiB.
peak_rss() {
    "$TIME" -f '%M' -o "$tmp/rss" "$@" >/dev/null
    tail -n 1 "$tmp/rss"
}

# Arithmetic without bc (not on a minimal Debian): calc EXPR, is EXPR.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
is() { awk "BEGIN { exit !($1) }"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '| domains | floor s (min-max) | virtplug s (min-max) | ratio | floor CPU s | virtplug CPU s | CPU ratio | virtplug RSS MiB |\n'
printf '|--------:|------------------:|---------------------:|------:|------------:|---------------:|----------:|-----------------:|\n'
status=0
declare -A VP RSS
for n in $SIZES; do
    tree=$DIR/tree-$n
    if [ ! -f "$tree/.complete" ]; then
        rm -rf "$tree"; mkdir -p "$tree"
        python3 "$HERE/gen-tree.py" "$tree" "$n"
        touch "$tree/.complete"
    fi
    uri="qemu:///system?root=$tree"
    # Warm the page cache and check the listing once.
    "$FLOOR" "$tree" >/dev/null
    got=$("$TOOL" -c "$uri" list --all --name | grep -c '^bench-' || true)
    if [ "$got" != "$n" ]; then
        echo "bench: virtplug listed $got domains of $n in $tree" >&2
        status=1
    fi
    : >"$tmp/floor"; : >"$tmp/vp"; : >"$tmp/floorcpu"; : >"$tmp/vpcpu"
    for _ in $(seq "$REPEAT"); do
        read -r w c < <(measure "$FLOOR" "$tree")
        echo "$w" >>"$tmp/floor"; echo "$c" >>"$tmp/floorcpu"
        read -r w c < <(measure "$TOOL" -c "$uri" list --all)
        echo "$w" >>"$tmp/vp"; echo "$c" >>"$tmp/vpcpu"
    done
    floor=$(median <"$tmp/floor"); vp=$(median <"$tmp/vp")
    floorrange="$(sort -g "$tmp/floor" | head -1)-$(sort -g "$tmp/floor" | tail -1)"
    vprange="$(sort -g "$tmp/vp" | head -1)-$(sort -g "$tmp/vp" | tail -1)"
    floorcpu=$(median <"$tmp/floorcpu"); vpcpu=$(median <"$tmp/vpcpu")
    rss=$(peak_rss "$TOOL" -c "$uri" list --all)
    if [ "$METRIC" = cpu ]; then
        ratio=$(calc "$vpcpu / ($floorcpu > 0 ? $floorcpu : 0.001)"); VP[$n]=$vpcpu
    else
        ratio=$(calc "$vp / $floor"); VP[$n]=$vp
    fi
    RSS[$n]=$rss
    printf '| %7d | %5.3f (%s) | %5.3f (%s) | %5.2f | %11.3f | %14.3f | %9.2f | %16.1f |\n' \
        "$n" "$floor" "$floorrange" "$vp" "$vprange" "$(calc "$vp / $floor")" "$floorcpu" "$vpcpu" \
        "$(calc "$vpcpu / ($floorcpu > 0 ? $floorcpu : 0.001)")" "$(calc "$rss / 1024")"
    if [ "$n" = 10000 ] && is "$ratio > 1.5"; then
        echo "bench: target missed: $METRIC ratio $ratio > 1.5 at 10,000 domains" >&2; status=1
    fi
    if [ "$n" -ge 100000 ] && is "$rss > 32768"; then
        echo "bench: target missed: RSS $rss KiB > 32 MiB at $n domains" >&2; status=1
    fi
    [ -n "${first:-}" ] || first=$n
    last=$n
done
if [ -n "${VP[10000]:-}" ] && [ "${last:-0}" -gt 10000 ]; then
    growth=$(calc "(${VP[$last]} / $last) / (${VP[10000]} / 10000)")
    printf '\nper-domain %s time at %d vs 10,000: %.2fx (target <= 1.5x)\n' "$METRIC" "$last" "$growth"
    if is "$growth > 1.5"; then
        echo "bench: target missed: not linear" >&2; status=1
    fi
fi
if [ -n "${first:-}" ] && [ "$last" -gt "$first" ]; then
    printf 'memory per domain: %.0f bytes (peak RSS growth from %d to %d domains)\n' \
        "$(calc "(${RSS[$last]} - ${RSS[$first]}) * 1024 / ($last - $first)")" "$first" "$last"
fi
printf 'median of %d runs, new process each, page cache warm; targets on %s time; %s\n' \
    "$REPEAT" "$METRIC" "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
exit "$status"
