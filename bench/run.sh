#!/usr/bin/env bash
# run.sh: time `virtplug list --all` on generated libvirt QEMU host trees
# next to the I/O floor (bench/io-floor), and check the targets:
#   - at 10,000 domains virtplug takes at most 2x the floor,
#   - time grows linearly: per-domain time at the largest size is at most
#     1.5x the per-domain time at 10,000,
#   - peak RSS at 100,000 domains is under 64 MiB.
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

# Runs a command once; prints "SECONDS MAXRSS_KIB".  Its stdout goes to $tmp/out.
measure() {
    local t0 t1
    drop_caches
    t0=$EPOCHREALTIME
    "$TIME" -f '%M' -o "$tmp/rss" "$@" >"$tmp/out"
    t1=$EPOCHREALTIME
    echo "$(calc "$t1 - $t0") $(tail -n 1 "$tmp/rss")"
}

# Arithmetic without bc (not on a minimal Debian): calc EXPR, is EXPR.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
is() { awk "BEGIN { exit !($1) }"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '| domains | floor s | virtplug s | ratio | virtplug RSS MiB |\n'
printf '|--------:|--------:|-----------:|------:|-----------------:|\n'
status=0
declare -A VP
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
    : >"$tmp/floor"; : >"$tmp/vp"; : >"$tmp/vprss"
    for _ in $(seq "$REPEAT"); do
        measure "$FLOOR" "$tree" | awk '{ print $1 }' >>"$tmp/floor"
        read -r s rss < <(measure "$TOOL" -c "$uri" list --all)
        echo "$s" >>"$tmp/vp"; echo "$rss" >>"$tmp/vprss"
    done
    floor=$(median <"$tmp/floor"); vp=$(median <"$tmp/vp"); rss=$(sort -g "$tmp/vprss" | tail -n 1)
    ratio=$(calc "$vp / $floor")
    VP[$n]=$vp
    printf '| %7d | %7.3f | %10.3f | %5.2f | %16.1f |\n' "$n" "$floor" "$vp" "$ratio" \
        "$(calc "$rss / 1024")"
    if [ "$n" = 10000 ] && is "$ratio > 2"; then
        echo "bench: target missed: ratio $ratio > 2 at 10,000 domains" >&2; status=1
    fi
    if [ "$n" -ge 100000 ] && is "$rss >= 65536"; then
        echo "bench: target missed: RSS $rss KiB >= 64 MiB at $n domains" >&2; status=1
    fi
    last=$n
done
if [ -n "${VP[10000]:-}" ] && [ "${last:-0}" -gt 10000 ]; then
    growth=$(calc "(${VP[$last]} / $last) / (${VP[10000]} / 10000)")
    printf '\nper-domain time at %d vs 10,000: %.2fx (target <= 1.5x)\n' "$last" "$growth"
    if is "$growth > 1.5"; then
        echo "bench: target missed: not linear" >&2; status=1
    fi
fi
printf 'median of %d runs, new process each, page cache warm; %s\n' "$REPEAT" \
    "$(nproc) CPUs, $(uname -r)"
exit "$status"
