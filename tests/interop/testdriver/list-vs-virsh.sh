#!/bin/sh
# list-vs-virsh.sh -- `virtplug list` must print exactly what `virsh list`
# prints (stdout bytes and exit status) for libvirt test-driver node files.
#
# Node files come from gen-nodes.sh (written to a temporary directory).
# For each file every list option is run alone and with --all, plus a few
# combinations, -q and the conflicting ones.  Every difference is shown as
# a unified diff; the test fails if there is any.
#
# Environment: VIRTPLUG_TOOL (the command, the uninstalled tool in the build
# tree), VIRTPLUG_SRCDIR.  Skips (77) without virsh or without the tool.
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

WORK=$(mktemp -d "${TMPDIR:-/tmp}/list-vs-virsh.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
mkdir "$WORK/nodes"
sh "$HERE/gen-nodes.sh" "$WORK/nodes" || { echo "FAIL: gen-nodes.sh"; exit 1; }

# Each case: global options, then "|", then list options.
OPTIONS="--all --inactive --persistent --transient --autostart --no-autostart
--with-snapshot --without-snapshot --with-checkpoint --without-checkpoint
--with-managed-save --without-managed-save --managed-save --state-running
--state-paused --state-shutoff --state-other --name --uuid --id --table --title"

cases() {
    echo "|"
    for o in $OPTIONS; do
        echo "|$o"
        [ "$o" = --all ] || echo "|--all $o"
    done
    cat <<'LIST'
|--all --title --uuid
|--all --table --uuid
|--all --uuid --name
|--all --id --uuid
|--all --id --name
|--all --id --uuid --name
|--all --managed-save --title
|--all --name --title
|--persistent --transient
|--all --persistent --transient
|--state-running --state-shutoff
|--inactive --state-running
|--all --state-running --state-paused --state-other
|--all --with-snapshot --state-shutoff
|--all --without-snapshot --without-managed-save --persistent
|--all --with-checkpoint --without-checkpoint
|--table --name
|--table --id
|--table --uuid --id
|--table --uuid --name
|--all --table --title
|--all --table --title --managed-save
-q|
-q|--all
-q|--all --title --uuid
-q|--all --name
-q|--all --id
-q|--all --uuid
-q|--table --name
LIST
}

compared=0
differences=0
nodes=0
for node in "$WORK"/nodes/*.xml; do
    nodes=$((nodes + 1))
    uri="test://$node"
    cases >"$WORK/cases"
    while IFS='|' read -r glob opts; do
        compared=$((compared + 1))
        # shellcheck disable=SC2086
        virsh $glob -c "$uri" list $opts >"$WORK/virsh.out" 2>"$WORK/virsh.err"
        vrc=$?
        # shellcheck disable=SC2086
        "$TOOL" $glob -c "$uri" list $opts >"$WORK/tool.out" 2>"$WORK/tool.err"
        trc=$?
        if [ "$vrc" != "$trc" ] || ! cmp -s "$WORK/virsh.out" "$WORK/tool.out"; then
            differences=$((differences + 1))
            echo "DIFF: $(basename "$node"): [$glob] list $opts (virsh rc=$vrc, virtplug rc=$trc)"
            diff -u --label virsh --label virtplug "$WORK/virsh.out" "$WORK/tool.out"
            if [ -s "$WORK/tool.err" ]; then
                echo "virtplug stderr:"; sed 's/^/  /' "$WORK/tool.err"
            fi
        fi
    done <"$WORK/cases"
done

echo "compared: $compared runs ($nodes node files x $((compared / nodes)) option sets), differences: $differences"
[ "$differences" -eq 0 ]
