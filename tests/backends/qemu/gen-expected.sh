#!/bin/sh
# gen-expected.sh: writes expected/*.out, the outputs list-matrix.sh wants,
# by running real virsh against fixture-node.xml (the test-driver twin of
# make-host.sh's tree), with autostart set in the same virsh session.
# The checkpoint options are derived by hand (the test driver has no
# checkpoints): see the end of this file.  Run it after changing the fixture
# and review the diff; the tests never run it.
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
        "autostart q-autostart; autostart q-autostart-running; list $1" |
        tail -n +5
}

vp_option_sets "$here/options.list" | while IFS= read -r opts; do
    case "$opts" in *checkpoint*) continue ;; esac
    o=$opts; [ "$o" = - ] && o=
    runvirsh "$o" > "$out/$(vp_golden_name "$opts").out"
done

# Checkpoints: only q-checkpoint (inactive) has one.  Without --all only
# active domains are listed and none has a checkpoint.
cp "$out/none.out" "$out/without-checkpoint.out"
grep -v ' q-checkpoint ' "$out/all.out" > "$out/all_without-checkpoint.out"
printf ' Id   Name   State\n--------------------\n\n' > "$out/with-checkpoint.out"
printf ' Id   Name           State\n-------------------------------\n -    q-checkpoint   shut off\n\n' \
    > "$out/all_with-checkpoint.out"
