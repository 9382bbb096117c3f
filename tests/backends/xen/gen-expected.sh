#!/bin/sh
# gen-expected.sh: regenerates tests/backends/xen/expected/ with virsh
# (libvirt 9.0) on virsh-model.xml, the xen fixture host written as a
# test-driver node.  Run by hand from the source tree when the fixture
# changes; the test itself (xen-list.sh) never needs virsh.  Output: one
# file per option set of options.list (stdout only), named as
# tests/common/test-lib.sh names them.
set -eu
cd "$(dirname "$0")"
. ../../common/test-lib.sh
uri="test://$(pwd)/virsh-model.xml"

vp_option_sets options.list | while IFS= read -r opts; do
    o=$opts; [ "$o" = - ] && o=
    # The three autostart commands print three lines and three blank
    # lines before the listing.
    virsh -c "$uri" "autostart lv-autostart; autostart xl-saved; \
        autostart xl-auto; list $o" | sed 1,6d > "expected/$(vp_golden_name "$opts").out"
done
