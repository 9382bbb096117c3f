#!/bin/sh
# The example client, built against libvirtplug, lists what virsh lists.
# Compares with `virsh list --all --name` (sorted) on test:///default and on
# the example node files when virsh is installed; otherwise checks
# test:///default alone.
set -u
client=$VIRTPLUG_BUILDDIR/examples/clients/list-domains
[ -x "$client" ] || { echo "no $client"; exit 1; }

fail=0
check() { # URI
    got=$("$client" "$1") || { echo "FAIL: list-domains $1 exited $?"; fail=1; return; }
    if command -v virsh >/dev/null 2>&1; then
        want=$(virsh -c "$1" list --all --name | sed '/^$/d' | LC_ALL=C sort)
    elif [ "$1" = test:///default ]; then
        want="test"
    else
        return
    fi
    if [ "$got" = "$want" ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1: got '$got', want '$want'"; fail=1
    fi
}

check test:///default
for node in "$VIRTPLUG_SRCDIR"/examples/nodes/*.xml; do
    [ -f "$node" ] && check "test://$node"
done
exit $fail
