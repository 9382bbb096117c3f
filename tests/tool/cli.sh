#!/bin/sh
# cli.sh -- virtplug's own behaviour, where there is no virsh to compare
# with: backends, --json, error shapes, and the deliberate VIR_ERR_NO_SUPPORT
# of a backend that cannot tell a filter group apart (the xen fixture host
# of tests/backends/xen, when the xen backend is built).
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_SRCDIR, VIRTPLUG_BACKEND_DIR.
set -u

TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
LC_ALL=C.UTF-8
export LC_ALL
unset VIRTPLUG_DEFAULT_URI

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-cli.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
failures=0
checks=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run EXPECTED-RC ARGS...: runs the tool, stdout in $WORK/out, stderr in $WORK/err
run() {
    want=$1
    shift
    checks=$((checks + 1))
    "$TOOL" "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = "$want" ] || fail "virtplug $* exited $rc, expected $want: $(cat "$WORK/err")"
}

# expect_out TEXT: stdout must be exactly TEXT (printf format escapes allowed)
expect_out() {
    # shellcheck disable=SC2059
    printf "$1" >"$WORK/want"
    cmp -s "$WORK/want" "$WORK/out" || {
        fail "unexpected output"; diff -u "$WORK/want" "$WORK/out"; }
}

expect_err() {
    # shellcheck disable=SC2059
    printf "$1" >"$WORK/want"
    cmp -s "$WORK/want" "$WORK/err" || {
        fail "unexpected error output"; diff -u "$WORK/want" "$WORK/err"; }
}

# usage errors: no blank line on stdout, virsh's messages
run 1 bogus
expect_out ''
expect_err "error: unknown command: 'bogus'\n"
run 1 -c test:///default list --json --name
expect_out '\n'
expect_err 'error: Options --json and --name are mutually exclusive\n'
run 1 -q -c test:///default list --table --id
expect_out ''
expect_err 'error: Options --table and --id are mutually exclusive\n'
run 1 -c test:///default domstate
expect_err "error: command 'domstate' requires <domain> option\n"
run 1 -x
expect_err "error: unsupported option '-x'. See --help.\n"
run 1 -c
expect_err "error: option '-c'/'--connect' requires an argument\n"
run 1 -c test:///default
expect_out ''

# the JSON of the default node
run 0 -c test:///default list --all --json
expect_out '[\n  {"name":"test","uuid":"6695eb01-f6a4-8304-79aa-97f2502e193f","id":1,"state":"running","reason":"unknown","persistent":true,"autostart":false,"managed_save":false,"snapshots":0,"checkpoints":0}\n]\n\n'
run 0 -q -c test:///default list --inactive --json
expect_out '[]\n'

# help and version need no backend for help
run 0 help list
grep -q -- '--with-checkpoint' "$WORK/out" || fail "help list lacks --with-checkpoint"
run 0 -c test:///default version
grep -q '^Compiled against library: virtplug ' "$WORK/out" || fail "version layout"
grep -q '^Using API: TEST ' "$WORK/out" || fail "version: no backend line"

# backends: the test module with all seven groups
run 0 backends
grep -q '^  name:    test$' "$WORK/out" || fail "backends: no test backend"
grep -q '^  groups:  active, persistent, state, managed save, autostart, snapshot, checkpoint$' \
    "$WORK/out" || fail "backends: test groups"

# a backend that cannot tell snapshots apart says so (xen), virsh-shaped
XENROOT=${VIRTPLUG_SRCDIR:-.}/tests/backends/xen/host
if [ -d "$XENROOT" ] && [ -e "${VIRTPLUG_BACKEND_DIR:-/nonexistent}/xen.so" ]; then
    uri="xen:///system?root=$XENROOT"
    run 1 -c "$uri" list --all --with-snapshot
    expect_out '\n'
    head -n 1 "$WORK/err" | grep -qx 'error: Failed to list domains' ||
        fail "xen: first error line"
    sed -n 2p "$WORK/err" | grep -q '^error: this function is not supported by the connection driver: .*snapshot' ||
        fail "xen: second error line: $(sed -n 2p "$WORK/err")"
    [ "$(wc -l <"$WORK/err")" -eq 2 ] || fail "xen: two error lines expected"
    run 0 -q -c "$uri" list --all --json
    grep -q '"snapshots"' "$WORK/out" && fail "xen: snapshots must be left out of JSON"
    grep -q '"name"' "$WORK/out" || fail "xen: no domain in JSON"
else
    echo "note: xen backend or fixture missing, NO_SUPPORT checks skipped"
fi

# metrics: its own options, a URI that cannot be opened costs only itself,
# --textfile replaces the file atomically and reports a failed write
run 1 metrics --bogus
expect_err "error: command 'metrics' doesn't support option --bogus\n"
run 1 metrics extra
expect_err "error: unexpected data 'extra'\n"
run 0 metrics -c test:///default --connect nosuch:///x -c test:///default
grep -qx 'virtplug_up{uri="test:///default",backend="test"} 1' "$WORK/out" ||
    fail "metrics: test:///default not up"
grep -qx 'virtplug_up{uri="nosuch:///x",backend="nosuch"} 0' "$WORK/out" ||
    fail "metrics: nosuch:///x not down"
[ "$(grep -c '^virtplug_domain_info{' "$WORK/out")" -eq 1 ] ||
    fail "metrics: a URI given twice must count once"
grep -q '^warning: nosuch:///x: failed to connect' "$WORK/err" ||
    fail "metrics: no warning for the URI that failed"
run 0 -c test:///default metrics --textfile "$WORK/m.prom"
[ -s "$WORK/m.prom" ] && [ "$(stat -c %a "$WORK/m.prom")" = 644 ] ||
    fail "metrics --textfile: no file or not mode 0644"
[ -z "$(find "$WORK" -name 'm.prom.tmp.*')" ] || fail "metrics --textfile left a temporary file"
run 1 -c test:///default metrics --textfile "$WORK/nodir/m.prom"
expect_err "error: cannot write $WORK/nodir/m.prom: No such file or directory\n"

echo "checks: $checks, failures: $failures"
[ "$failures" -eq 0 ]
