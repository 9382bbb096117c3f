#!/bin/sh
# embed-matrix.sh: virtplug against libvirt's embedded QEMU driver: both
# sides read qemu:///embed?root=DIR (virsh runs the driver itself; its
# guests outlive it).  Every list option alone and with --all, byte for
# byte.  Exit 77 when not root or libvirt cannot be installed.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
tool=${VIRTPLUG_TOOL:-}
[ -n "$tool" ] && [ -x "$tool" ] || { echo "SKIP: no virtplug tool"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
export LC_ALL=C.UTF-8
# shellcheck source=peer-lib.sh
. "$srcdir/tests/interop/libvirt/peer-lib.sh"

root=$(mktemp -d /var/tmp/virtplug-embed.XXXXXX) || exit 77
peer_init embed "$root"
tmp=$(mktemp -d)
trap 'peer_teardown; rm -rf "$tmp" "$root"' EXIT
peer_setup

fail=0
peer_sanity "$tool" || fail=1
peer_matrix "$tool" "$srcdir/tests/backends/qemu/options.list" "$tmp"
[ "$MATRIX_FAIL" -eq 0 ] || fail=1
exit $fail
