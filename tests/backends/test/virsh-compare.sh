#!/bin/sh
# virsh-compare.sh: the test backend, through the virtplug tool, against
# libvirt's own test driver through virsh: byte-identical `list` output for
# every option on the fixture nodes, and the same error line for nodes
# libvirt refuses.  Skips (77) without virsh or without the tool.

: "${VIRTPLUG_SRCDIR:?}" "${VIRTPLUG_TOOL:?}"
command -v virsh >/dev/null 2>&1 || { echo "SKIP: no virsh"; exit 77; }
[ -x "$VIRTPLUG_TOOL" ] || { echo "SKIP: no $VIRTPLUG_TOOL"; exit 77; }
virsh -c test:///default list >/dev/null 2>&1 ||
    { echo "SKIP: virsh has no test driver"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# Options of virsh list, alone and with --all.
opts="--inactive --persistent --transient --autostart --no-autostart
--with-snapshot --without-snapshot --with-checkpoint --without-checkpoint
--with-managed-save --without-managed-save --managed-save --state-running
--state-paused --state-shutoff --state-other --name --uuid --id --table
--title"

# libvirt gives a domain without <uuid> a random UUID (virtplug a stable
# one): such UUIDs, unlike the fixtures' fixed ones, are masked.
mask() {
    sed -e '/^[0-9a-f]\{8\}-[0-9a-f-]\{27\}$/{/^\(c0000000\|e5000000\|6695eb01\)-/!s/.*/<generated>/}'
}

compare() {   # compare URI ARGS...
    uri=$1; shift
    virsh -c "$uri" list "$@" >"$tmp/want.raw" 2>"$tmp/want.err"; wrc=$?
    "$VIRTPLUG_TOOL" -c "$uri" list "$@" >"$tmp/got.raw" 2>"$tmp/got.err"; grc=$?
    mask <"$tmp/want.raw" >"$tmp/want"
    mask <"$tmp/got.raw" >"$tmp/got"
    if [ $wrc -ne $grc ] || ! cmp -s "$tmp/want" "$tmp/got"; then
        echo "FAIL: list $* on $uri (virsh rc $wrc, virtplug rc $grc)"
        diff -u "$tmp/want" "$tmp/got" | head -20
        fail=1
    fi
}

nodes="test:///default
test://$VIRTPLUG_SRCDIR/tests/backends/test/nodes/full.xml
test://$VIRTPLUG_SRCDIR/examples/nodes/every-state.xml"

for uri in $nodes; do
    compare "$uri"
    compare "$uri" --all
    for o in $opts; do
        compare "$uri" $o
        compare "$uri" --all $o
    done
done

# Nodes libvirt refuses: both fail, with the same last error line.
NS="xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"
OS="<memory unit='MiB'>32</memory><os><type>hvm</type></os>"
bad() {   # bad NAME XML
    printf '%s' "$2" >"$tmp/$1.xml"
    uri="test://$tmp/$1.xml"
    virsh -c "$uri" list --all >/dev/null 2>"$tmp/want.err"; wrc=$?
    "$VIRTPLUG_TOOL" -c "$uri" list --all >/dev/null 2>"$tmp/got.err"; grc=$?
    want=$(grep '^error: ' "$tmp/want.err" | tail -n 1)
    got=$(grep '^error: ' "$tmp/got.err" | tail -n 1)
    if [ $wrc -eq 0 ] || [ $grc -eq 0 ] || [ "$want" != "$got" ]; then
        echo "FAIL: $1: virsh rc $wrc '$want'; virtplug rc $grc '$got'"
        fail=1
    fi
}

bad transient-shutoff "<node $NS><domain type='test'><name>a</name>$OS<test:transient/><test:runstate>5</test:runstate></domain></node>"
bad managedsave-running "<node $NS><domain type='test'><name>a</name>$OS<test:hasmanagedsave/></domain></node>"
bad runstate-range "<node $NS><domain type='test'><name>a</name>$OS<test:runstate>8</test:runstate></domain></node>"
bad runstate-word "<node $NS><domain type='test'><name>a</name>$OS<test:runstate>x</test:runstate></domain></node>"
bad no-name "<node $NS><domain type='test'>$OS</domain></node>"
bad dup-uuid "<node $NS><domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>$OS</domain><domain type='test'><name>b</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>$OS</domain></node>"
bad dup-name "<node $NS><domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000001</uuid>$OS</domain><domain type='test'><name>a</name><uuid>a0000000-0000-4000-8000-000000000002</uuid>$OS</domain></node>"
bad bad-uuid "<node $NS><domain type='test'><name>a</name><uuid>xyz</uuid>$OS</domain></node>"
bad root "<nodes/>"
bad no-os "<node $NS><domain type='test'><name>a</name><memory>1</memory></domain></node>"
bad slash "<node $NS><domain type='test'><name>a/b</name>$OS</domain></node>"
bad snap-no-state "<node $NS><domain type='test'><name>a</name>$OS<test:domainsnapshot><name>s</name><creationTime>1</creationTime></test:domainsnapshot></domain></node>"
bad snap-two-current "<node $NS><domain type='test'><name>a</name>$OS<test:domainsnapshot><name>s</name><creationTime>1</creationTime><state>running</state><active>1</active></test:domainsnapshot><test:domainsnapshot><name>t</name><creationTime>1</creationTime><state>running</state><active>1</active></test:domainsnapshot></domain></node>"

# Missing file and empty path.
for uri in "test://$tmp/no-such.xml" "test:///"; do
    virsh -c "$uri" list >/dev/null 2>"$tmp/want.err"
    "$VIRTPLUG_TOOL" -c "$uri" list >/dev/null 2>"$tmp/got.err"
    want=$(grep '^error: ' "$tmp/want.err" | tail -n 1)
    got=$(grep '^error: ' "$tmp/got.err" | tail -n 1)
    if [ "$want" != "$got" ]; then
        echo "FAIL: $uri: virsh '$want'; virtplug '$got'"
        fail=1
    fi
done

exit $fail
