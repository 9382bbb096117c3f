#!/bin/sh
# gen-expected.sh: writes expected/*.out, the outputs list-matrix.sh wants,
# by running real virsh against fixture-node.xml (the test-driver twin of
# make-host.sh's tree), with autostart set in the same virsh session.  Run
# it after changing the fixture and review the diff; the tests never run it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/expected
mkdir -p "$out"
export LC_ALL=C.UTF-8

. "$here/../../common/test-lib.sh"

runvirsh() {
    # drop the two "marked as autostarted" messages and their blank lines
    # shellcheck disable=SC2086
    virsh -c "test://$here/fixture-node.xml" \
        "autostart l-autostart; autostart l-autostart-running; list $1" |
        tail -n +5
}

vp_option_sets "$here/options.list" | while IFS= read -r opts; do
    o=$opts; [ "$o" = - ] && o=
    runvirsh "$o" > "$out/$(vp_golden_name "$opts").out"
done
