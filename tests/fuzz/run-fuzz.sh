#!/bin/sh
# run-fuzz.sh SRCDIR BUILDDIR SECONDS [NAME...]: runs each libFuzzer harness
# (BUILDDIR/NAME-fuzzer) for SECONDS over its seeds (written by
# NAME-replay --write-seeds) and its corpus BUILDDIR/corpus/NAME, which
# grows from run to run.  Any finding (crash, sanitizer report, leak,
# timeout, out of memory) fails the harness; the input is kept in
# BUILDDIR/findings/NAME/.  Prints a line per harness with libFuzzer's final
# figures (execs, cov, ft), then totals in the test-suite.log style
# ("# PASS: N", "# FAIL: N"), also written to BUILDDIR/fuzz-suite.log.
#
# Environment: FUZZ_JOBS (harnesses run at once, default 1),
# FUZZ_NICE (nice level, default 10), FUZZ_ARGS (more libFuzzer options).
set -u

src=$1 build=$2 secs=$3
shift 3
[ $# -gt 0 ] || set -- libvirt-doc test-node qmp-reader libxl-json \
    xl-saveimage xen-auto uri backend-descriptor
jobs=${FUZZ_JOBS:-1}
nicelvl=${FUZZ_NICE:-10}
logs=$build/logs
mkdir -p "$logs"

run_one() { # name
    name=$1
    fuzzer=$build/$name-fuzzer
    corpus=$build/corpus/$name
    seeds=$build/seeds/$name
    found=$build/findings/$name
    log=$logs/$name.log
    rm -rf "$seeds" "$found"
    mkdir -p "$corpus" "$seeds" "$found"
    if ! VIRTPLUG_SRCDIR=$src "$build/$name-replay" --write-seeds "$seeds" \
            >"$log" 2>&1; then
        echo "FAIL: $name (could not write seeds, see $log)"
        return
    fi
    dict=
    [ -f "$src/tests/fuzz/dict/$name.dict" ] && dict=-dict=$src/tests/fuzz/dict/$name.dict
    # Leaks count (ASan's default); 30 s of wall-clock time for one input
    # is a hang (the inputs take milliseconds, but the machine may be
    # shared and this runs niced), 2 GB is runaway memory.
    # -max_total_time bounds the whole run.
    # shellcheck disable=SC2086
    nice -n "$nicelvl" "$fuzzer" $dict -max_total_time="$secs" -timeout=30 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="$found/" ${FUZZ_ARGS:-} "$corpus" "$seeds" \
        >>"$log" 2>&1
    rc=$?
    stats=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(sed -n 's/.*#[0-9]*[ \t]*DONE[ \t]*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' "$log" | tail -n 1)
    [ -n "$cov" ] || cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' "$log" | tail -n 1)
    # libFuzzer also saves the slowest input (slow-unit-*) without failing:
    # kept for a look, not a finding.
    artifacts=$(find "$found" -type f ! -name 'slow-unit-*' | head -n 3)
    if [ "$rc" = 0 ] && [ -z "$artifacts" ]; then
        echo "PASS: $name ($secs s, ${stats:-?} execs, ${cov:-no stats}, corpus $(find "$corpus" -type f | wc -l))"
    else
        echo "FAIL: $name (exit $rc; finding: ${artifacts:-none saved}; log $log)"
        grep -m 5 -E 'ERROR: |SUMMARY: |runtime error' "$log" | sed 's/^/    /'
    fi
}

results=$logs/results
: > "$results"
running=0
for name in "$@"; do
    if [ ! -x "$build/$name-fuzzer" ]; then
        echo "FAIL: $name (no $build/$name-fuzzer)" >> "$results"
        continue
    fi
    run_one "$name" >> "$results" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

cat "$results"
pass=$(grep -c '^PASS: ' "$results")
fail=$(grep -c '^FAIL: ' "$results")
{
    cat "$results"
    echo "# TOTAL: $((pass + fail))"
    echo "# PASS: $pass"
    echo "# SKIP: 0"
    echo "# XFAIL: 0"
    echo "# FAIL: $fail"
    echo "# XPASS: 0"
    echo "# ERROR: 0"
} > "$build/fuzz-suite.log"
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
