#!/bin/sh
# missing-backend.sh -- with no backend installed, `virtplug -c xen:///system
# list` says the xen backend is not installed and, when the build was
# configured with --with-backend-package, which package provides it; an
# unknown scheme never gets a package name.
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_BUILDDIR (for config.h).
set -u

TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
CONFIG_H=${VIRTPLUG_BUILDDIR:-.}/config.h
[ -f "$CONFIG_H" ] || { echo "FAIL: no $CONFIG_H"; exit 1; }
template=$(sed -n 's/^#define VIRTPLUG_BACKEND_PACKAGE "\(.*\)"$/\1/p' "$CONFIG_H")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-missing.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
mkdir "$WORK/empty"
VIRTPLUG_BACKEND_DIR=$WORK/empty
export VIRTPLUG_BACKEND_DIR
unset VIRTPLUG_DEFAULT_URI
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if "$TOOL" -c xen:///system list >"$WORK/out" 2>"$WORK/err"; then
    fail "xen:///system listed with an empty backend directory"
fi
grep -q 'the xen backend is not installed' "$WORK/err" ||
    fail "error does not say the xen backend is not installed: $(cat "$WORK/err")"
if [ -n "$template" ]; then
    package=$(printf '%s\n' "$template" | sed 's/%s/xen/')
    grep -qF "the package $package provides it" "$WORK/err" ||
        fail "error does not name $package: $(cat "$WORK/err")"
    echo "ok: names $package"
else
    if grep -q 'package' "$WORK/err"; then
        fail "unpackaged build names a package: $(cat "$WORK/err")"
    fi
    echo "ok: no template configured, no package named"
fi

"$TOOL" -c nosuch:///system list >"$WORK/out" 2>"$WORK/err" &&
    fail "nosuch:///system listed"
if grep -q 'package' "$WORK/err"; then
    fail "an unknown scheme names a package: $(cat "$WORK/err")"
fi

[ "$failures" -eq 0 ] || exit 1
echo "PASS: missing-backend"
