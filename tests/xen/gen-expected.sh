#!/bin/sh
# gen-expected.sh: regenerates tests/xen/expected/ with virsh (libvirt 9.0)
# on virsh-model.xml, the xen fixture host written as a test-driver node.
# Run by hand from the source tree when the fixture changes; the test itself
# (xen-list.sh) never needs virsh.  Output: one file per option set,
# expected/list<OPTS>.out (stdout only).
set -eu
cd "$(dirname "$0")"
uri="test://$(pwd)/virsh-model.xml"
. ./list-options.sh

for all in "" "--all"; do
    for opt in "" $XEN_LIST_OPTIONS; do
        [ -z "$all$opt" ] || [ "$all" != "$opt" ] || continue
        out="expected/list$all$opt.out"
        # The three autostart commands print three lines and three blank
        # lines before the listing.
        virsh -c "$uri" "autostart lv-autostart; autostart xl-saved; \
            autostart xl-auto; list $all $opt" | sed 1,6d > "$out"
    done
done
