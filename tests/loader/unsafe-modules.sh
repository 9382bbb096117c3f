#!/bin/sh
# unsafe-modules.sh -- the loader refuses a module, or a whole backend
# directory, that someone other than root or the effective user could
# change, and says why in `virtplug backends` and in the "no backend"
# error.  Each case is a fresh directory holding a copy of the fake test
# module and one fresh process (the directory is scanned once per process).
#
#   unsafe-modules.sh          modes: group/other-writable file and directory
#   unsafe-modules.sh owners   file and directory owned by another user
#                              (needs root to chown; exit 77 otherwise)
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_BUILDDIR.
set -u

MODE=${1:-modes}
TOOL=${VIRTPLUG_TOOL:-}
MODULE=${VIRTPLUG_BUILDDIR:-}/tests/loader/.libs/fake.so
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ] || [ ! -f "$MODULE" ]; then
    echo "SKIP: run under make check (VIRTPLUG_TOOL, VIRTPLUG_BUILDDIR)"
    exit 77
fi
if [ "$MODE" = owners ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "SKIP: giving a file to another user needs root"
        exit 77
    fi
    OTHER=$(id -u nobody 2>/dev/null) || { echo "SKIP: no user nobody"; exit 77; }
fi
LC_ALL=C.UTF-8
export LC_ALL
unset VIRTPLUG_DEFAULT_URI

# The copies must be safe to begin with, whatever the caller's umask.
umask 022
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-unsafe.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
failures=0
checks=0
n=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# newdir: a directory with a safe copy of the fake module, in $dir
newdir() {
    n=$((n + 1))
    dir=$WORK/case$n
    mkdir "$dir" && cp "$MODULE" "$dir/fake.so" && chmod 755 "$dir" "$dir/fake.so" ||
        { echo "ERROR: cannot set up $dir"; exit 99; }
}

# loads: the module in $dir is used
loads() {
    checks=$((checks + 1))
    VIRTPLUG_BACKEND_DIR=$dir "$TOOL" -q -c fake:///default list --name \
        >"$WORK/out" 2>"$WORK/err" || fail "$1: not loaded: $(cat "$WORK/err")"
    grep -qx dom000 "$WORK/out" || fail "$1: no domain listed"
}

# refused WHY: the module in $dir is skipped, with WHY in both places
refused() {
    want="$dir/fake.so ($1)"
    checks=$((checks + 1))
    VIRTPLUG_BACKEND_DIR=$dir "$TOOL" backends >"$WORK/out" 2>"$WORK/err" ||
        fail "backends failed: $(cat "$WORK/err")"
    grep -qxF "  skipped: $1" "$WORK/out" ||
        fail "backends does not say '$1': $(cat "$WORK/out")"
    grep -q '^  name:' "$WORK/out" && fail "backends shows a loaded module for '$1'"
    checks=$((checks + 1))
    if VIRTPLUG_BACKEND_DIR=$dir "$TOOL" -c fake:///default list \
        >"$WORK/out" 2>"$WORK/err"; then
        fail "list worked with an unsafe module ($1)"
    fi
    grep -qF "the fake backend is not installed" "$WORK/err" && grep -qF "$want" "$WORK/err" ||
        fail "no-backend error does not say '$want': $(cat "$WORK/err")"
}

if [ "$MODE" = owners ]; then
    newdir
    chown "$OTHER" "$dir/fake.so"
    refused "refused: the file is owned by uid $OTHER, not by root"
    chown 0 "$dir/fake.so"
    loads "file given back to root"

    newdir
    chown "$OTHER" "$dir"
    refused "refused: directory $dir is owned by uid $OTHER, not by root"

    # the group does not matter, only the owner and the write bits
    newdir
    chgrp 65534 "$dir" "$dir/fake.so"
    loads "file and directory of another group, not writable by it"
else
    newdir
    loads "safe copy"

    newdir
    chmod g+w "$dir/fake.so"
    refused "refused: the file is writable by group (mode 0775)"

    newdir
    chmod o+w "$dir/fake.so"
    refused "refused: the file is writable by others (mode 0757)"

    newdir
    chmod 666 "$dir/fake.so"
    refused "refused: the file is writable by group and others (mode 0666)"

    newdir
    chmod g+w "$dir"
    refused "refused: directory $dir is writable by group (mode 0775)"

    newdir
    chmod o+w "$dir"
    refused "refused: directory $dir is writable by others (mode 0757)"

    # sticky like /tmp: anyone could still add a module
    newdir
    chmod 1777 "$dir"
    refused "refused: directory $dir is writable by group and others (mode 1777)"

    # an unsafe directory is reported even when it holds no module
    newdir
    rm "$dir/fake.so"
    chmod g+w "$dir"
    checks=$((checks + 1))
    VIRTPLUG_BACKEND_DIR=$dir "$TOOL" backends >"$WORK/out" 2>&1
    grep -qxF "  skipped: refused: directory $dir is writable by group (mode 0775)" \
        "$WORK/out" || fail "empty unsafe directory not reported: $(cat "$WORK/out")"

    # a symbolic link to a safe module is not followed
    newdir
    mv "$dir/fake.so" "$dir/real.module"
    ln -s real.module "$dir/fake.so"
    refused "not a regular file"

    # read-only for everyone is fine (distcheck's trees)
    newdir
    chmod 555 "$dir"
    chmod 444 "$dir/fake.so"
    loads "read-only directory and module"
    chmod 755 "$dir"
fi

echo "checks: $checks, failures: $failures"
[ "$failures" -eq 0 ]
