#!/bin/sh
# one-module.sh: a connection loads only the module that serves its URI.
# `virtplug -c test:///default list` maps test.so and neither qemu.so nor
# xen.so (nor their libraries, when they have their own); `virtplug
# backends` still loads every module, to report them.  The dynamic
# linker's own trace (LD_DEBUG=files, glibc) tells what was loaded.
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_BACKEND_DIR (the build's modules).
set -u

TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
dir=${VIRTPLUG_BACKEND_DIR:-}
for m in test qemu xen; do
    [ -f "$dir/$m.so" ] || { echo "SKIP: $m.so is not built in '$dir'"; exit 77; }
done
ldd --version 2>&1 | grep -qi 'glibc\|gnu libc' ||
    { echo "SKIP: LD_DEBUG needs glibc's dynamic linker"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-onemod.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# loaded FILE: the base names of the modules the trace shows initialised.
loaded() {
    grep 'calling init:' "$1" | sed 's|.*/||' | grep -E '^(test|qemu|xen)\.so$' |
        sort -u | tr '\n' ' '
}

LD_DEBUG=files LD_DEBUG_OUTPUT=$tmp/trace "$TOOL" -c test:///default list \
    >"$tmp/out" 2>"$tmp/err" || fail "list failed: $(cat "$tmp/err")"
grep -q ' test ' "$tmp/out" || fail "the test driver's domain is not listed"
got=$(cat "$tmp"/trace.* | { cat >"$tmp/all"; loaded "$tmp/all"; })
[ "$got" = "test.so " ] || fail "test:///default loaded '$got', not only test.so"
rm -f "$tmp"/trace.*

LD_DEBUG=files LD_DEBUG_OUTPUT=$tmp/trace "$TOOL" backends \
    >"$tmp/out" 2>"$tmp/err" || fail "backends failed: $(cat "$tmp/err")"
got=$(cat "$tmp"/trace.* | { cat >"$tmp/all"; loaded "$tmp/all"; })
[ "$got" = "qemu.so test.so xen.so " ] || fail "virtplug backends loaded '$got'"

[ $failures -eq 0 ] && echo "ok: test:///default loads test.so alone; backends loads all three"
exit $((failures != 0))
