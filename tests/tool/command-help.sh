#!/bin/sh
# command-help.sh -- `virtplug COMMAND --help` for every command, as virsh
# has it: the same text as `virtplug help COMMAND`, exit status 0, no
# connection and no backend needed, required options not required, other
# words still checked.  The commands are read from `virtplug help`, so a new
# command is covered without editing this file.
#
# Environment: VIRTPLUG_TOOL.
set -u

TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
LC_ALL=C.UTF-8
export LC_ALL
unset VIRTPLUG_DEFAULT_URI

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-help.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
# No backend at all: help must not need one.
mkdir "$WORK/no-backends"
VIRTPLUG_BACKEND_DIR=$WORK/no-backends
export VIRTPLUG_BACKEND_DIR
failures=0
checks=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run EXPECTED-RC ARGS...: stdout in $WORK/out, stderr in $WORK/err
run() {
    want=$1
    shift
    checks=$((checks + 1))
    "$TOOL" "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = "$want" ] || fail "virtplug $* exited $rc, expected $want: $(cat "$WORK/err")"
}

expect_err() {
    # shellcheck disable=SC2059
    printf "$1" >"$WORK/want"
    cmp -s "$WORK/want" "$WORK/err" || {
        fail "unexpected error output"; diff -u "$WORK/want" "$WORK/err"; }
}

run 0 help
commands=$(sed -n '/^ Commands:$/,/^$/s/^    \([a-z][a-z-]*\) .*/\1/p' "$WORK/out")
ncommands=$(printf '%s\n' "$commands" | grep -c .)
[ "$ncommands" -ge 9 ] || fail "only $ncommands commands found in 'virtplug help'"

for c in $commands; do
    run 0 help "$c"
    cp "$WORK/out" "$WORK/help-$c"
    head -n 2 "$WORK/out" | tr '\n' '|' | grep -q "^  NAME|    $c - " ||
        fail "help $c: no NAME section"
    grep -q '^  SYNOPSIS$' "$WORK/out" || fail "help $c: no SYNOPSIS section"

    # a bad URI proves that no connection is opened
    run 0 -c nosuch:///x "$c" --help
    cmp -s "$WORK/help-$c" "$WORK/out" ||
        fail "'$c --help' differs from 'help $c': $(diff "$WORK/help-$c" "$WORK/out")"
    [ -s "$WORK/err" ] && fail "$c --help wrote to stderr: $(cat "$WORK/err")"

    # -q drops the blank line after the output, as for every command
    run 0 -q "$c" --help
    head -n -1 "$WORK/help-$c" | cmp -s - "$WORK/out" || fail "-q $c --help"

    run 1 "$c" --help=yes
    expect_err "error: invalid '=' after option --help\n"
done

# anywhere among the options, and more than once
run 0 list --all --help --help
cmp -s "$WORK/help-list" "$WORK/out" || fail "list --all --help --help"
# a required option may be missing, or given
run 0 domstate --help
cmp -s "$WORK/help-domstate" "$WORK/out" || fail "domstate --help"
run 0 domstate --help somedomain
cmp -s "$WORK/help-domstate" "$WORK/out" || fail "domstate --help somedomain"
# other words are still checked, in any order, as virsh does
run 1 domstate --bogus --help
expect_err "error: command 'domstate' doesn't support option --bogus\n"
run 1 domstate --help --bogus
expect_err "error: command 'domstate' doesn't support option --bogus\n"
run 1 list --help extra
expect_err "error: unexpected data 'extra'\n"
run 1 nosuch --help
expect_err "error: unknown command: 'nosuch'\n"
# help --help is help's own help; help ignores what it does not know
run 0 help --help
cmp -s "$WORK/help-help" "$WORK/out" || fail "help --help"
run 0 help --bogus list
cmp -s "$WORK/help-list" "$WORK/out" || fail "help --bogus list"
run 0 help list domstate
cmp -s "$WORK/help-list" "$WORK/out" || fail "help list domstate"
run 1 help nosuch
expect_err "error: command or command group 'nosuch' doesn't exist\n"

echo "commands: $ncommands, checks: $checks, failures: $failures"
[ "$failures" -eq 0 ]
