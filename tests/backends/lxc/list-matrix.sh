#!/bin/sh
# list-matrix.sh: the lxc backend over the fixture tree that make-host.sh
# builds (libvirt's LXC driver layout), through the virtplug tool:
#  1. `list OPTS` for every option of options.list, alone and with --all,
#     byte for byte against expected/*.out (real virsh on the test-driver
#     twin, gen-expected.sh);
#  2. every filter of no-support.list, alone and with --all, fails with
#     VIR_ERR_NO_SUPPORT naming the lxc backend and the group;
#  3. lookups by name, id and UUID, and the URIs libvirt's LXC driver takes
#     (lxc:///system, lxc:///, lxc://) and the one it refuses;
#  4. examples/hosts/lxc lists the same, without a warning;
#  5. `virtplug backends` shows the module and its four groups.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
here=$srcdir/tests/backends/lxc
. "$srcdir/tests/common/test-lib.sh"
vp_need_tool
tool=$VIRTPLUG_TOOL
export LC_ALL=C.UTF-8

vp_tmpdir
sh "$here/make-host.sh" "$here/templates" "$tmp/host" || exit 1
uri="lxc:///system?root=$tmp/host"

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 1. the golden matrix
vp_golden_matrix "$uri" "$here/options.list" "$here/expected"
pass=$((pass + GOLDEN_PASS)) fail=$((fail + GOLDEN_FAIL))

# 2. the refused filters
grep -v '^#' "$here/no-support.list" > "$tmp/refused"
while IFS='|' read -r opt group; do
    for o in "$opt" "--all $opt"; do
        # shellcheck disable=SC2086
        if "$tool" -c "$uri" list $o > "$tmp/out" 2> "$tmp/err"; then
            bad "list $o succeeded"
        elif [ -n "$(cat "$tmp/out")" ]; then
            bad "list $o printed a listing"
        elif ! grep -qxF "error: this function is not supported by the connection driver: the lxc backend cannot tell $group" "$tmp/err"; then
            bad "list $o: not the no-support error naming '$group'"; cat "$tmp/err"
        else
            ok
        fi
    done
done < "$tmp/refused"

# 3. lookups and URIs
expect() {   # expect WANT COMMAND...
    want=$1; shift
    got=$("$tool" "$@" 2>&1)
    if [ "$got" = "$want" ]; then ok; else bad "$* gave '$got', want '$want'"; fi
}
expect 2 -c "$uri" domid l-paused
expect 'paused (user)' -c "$uri" domstate --reason l-paused
expect 'shut off' -c "$uri" domstate l-café
expect l-autostart-running -c "$uri" domname 3
expect l-transient -c "$uri" domname 33333333-0000-4000-8000-000000000006
expect 33333333-0000-4000-8000-000000000001 -c "$uri" domuuid l-shutoff
expect "error: failed to get domain 'l-newonly'" -c "$uri" domid l-newonly
for u in lxc:///system lxc:/// lxc://; do
    expect "$u" -c "$u" uri
done
expect "error: failed to connect to the hypervisor
error: internal error: Unexpected LXC URI path '/session', try lxc:///system" \
    -c lxc:///session list
expect "error: failed to connect to the hypervisor
error: invalid argument: root path 'rel' in URI 'lxc:///system?root=rel' must be absolute" \
    -c 'lxc:///system?root=rel' list

# the example host tree lists as its README says: the fixture without the
# files a reader must pass over
if "$tool" -c "lxc:///system?root=$srcdir/examples/hosts/lxc" list --all > "$tmp/out" 2> "$tmp/err" &&
    cmp -s "$here/expected/all.out" "$tmp/out" && [ ! -s "$tmp/err" ]; then
    ok
else
    bad "examples/hosts/lxc: list --all"; diff -u "$here/expected/all.out" "$tmp/out"; cat "$tmp/err"
fi

# `virtplug backends` shows the module with exactly the groups it tells
"$tool" backends > "$tmp/backends" 2>&1
if grep -A3 -x '  name:    lxc' "$tmp/backends" | grep -qx '  groups:  active, persistent, state, autostart'; then
    ok
else
    bad "virtplug backends does not show lxc with its four groups"; cat "$tmp/backends"
fi

echo "lxc list-matrix: $pass passed, $fail failed"
[ $fail -eq 0 ]
