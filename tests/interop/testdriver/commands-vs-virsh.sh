#!/bin/sh
# commands-vs-virsh.sh -- domstate, domid, domname, domuuid and uri of
# virtplug must print what virsh prints (stdout bytes, exit status), for
# test:///default and a generated node file; domains given by name, id,
# UUID and unknown ones, with and without -q.
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_SRCDIR.  Skips (77) without virsh.
set -u

command -v virsh >/dev/null 2>&1 || { echo "SKIP: virsh not installed"; exit 77; }
TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
HERE=${VIRTPLUG_SRCDIR:+$VIRTPLUG_SRCDIR/tests/interop/testdriver}
HERE=${HERE:-$(dirname "$0")}

LC_ALL=C.UTF-8
export LC_ALL
unset VIRTPLUG_DEFAULT_URI LIBVIRT_DEFAULT_URI

WORK=$(mktemp -d "${TMPDIR:-/tmp}/commands-vs-virsh.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
sh "$HERE/gen-nodes.sh" "$WORK" || { echo "FAIL: gen-nodes.sh"; exit 1; }

compared=0
differences=0

# check URI GLOBAL-OPTIONS COMMAND WORDS...
check() {
    uri=$1 glob=$2
    shift 2
    compared=$((compared + 1))
    # shellcheck disable=SC2086
    virsh $glob -c "$uri" "$@" >"$WORK/virsh.out" 2>/dev/null
    vrc=$?
    # shellcheck disable=SC2086
    "$TOOL" $glob -c "$uri" "$@" >"$WORK/tool.out" 2>"$WORK/tool.err"
    trc=$?
    if [ "$vrc" != "$trc" ] || ! cmp -s "$WORK/virsh.out" "$WORK/tool.out"; then
        differences=$((differences + 1))
        echo "DIFF: $uri [$glob] $* (virsh rc=$vrc, virtplug rc=$trc)"
        diff -u --label virsh --label virtplug "$WORK/virsh.out" "$WORK/tool.out"
        sed 's/^/  virtplug stderr: /' "$WORK/tool.err"
    fi
}

DEF=test:///default
NODE=test://$WORK/states.xml
for glob in "" -q; do
    check "$DEF" "$glob" uri
    check "$NODE" "$glob" uri
    for d in test 1 6695eb01-f6a4-8304-79aa-97f2502e193f nosuch 7; do
        for c in domstate domid domname domuuid; do
            check "$DEF" "$glob" $c "$d"
        done
        check "$DEF" "$glob" domstate "$d" --reason
        check "$DEF" "$glob" domstate --domain "$d"
    done
    for d in s-nostate s-blocked s-paused s-shutdown s-shutoff s-crashed \
             s-pmsuspended s-transient s-managedsave 3 10 11 \
             c0000000-0000-4000-8000-000000000006 S-Upper s-upper; do
        for c in domstate domid domname domuuid; do
            check "$NODE" "$glob" $c "$d"
        done
        check "$NODE" "$glob" domstate --reason "$d"
    done
done
# usage errors
check "$DEF" "" domstate
check "$DEF" "" domstate test extra
check "$DEF" "" domstate test --bogus
check "$DEF" "" list --bogus
check "$DEF" "" list extra

echo "compared: $compared runs, differences: $differences"
[ "$differences" -eq 0 ]
