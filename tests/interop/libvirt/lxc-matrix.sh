#!/bin/sh
# lxc-matrix.sh: the lxc backend against real libvirt 9.0 LXC (lxc:///system,
# libvirtd with libvirt-daemon-driver-lxc).
#  1. containers in every state the LXC driver has: defined (shut off),
#     autostart, running, paused, autostart and running, transient running
#     and transient paused (each reported as produced or not);
#  2. the list matrix: `virtplug -c lxc:///system list OPTS` and `virsh -c
#     lxc:///system list OPTS` byte for byte, every option of
#     tests/backends/lxc/options.list alone and with --all, and `list --all`
#     through the aliases lxc:/// and lxc://;
#  3. the filters of tests/backends/lxc/no-support.list fail in virtplug
#     with VIR_ERR_NO_SUPPORT naming the group (libvirt lists none for
#     --with-* and all for --without-*, which is checked too).
# Containers run /bin/sleep in the host's root file system.  libvirt 9.0's
# container start fails on a host with cgroup v1 controllers and a cgroup2
# mount at /sys/fs/cgroup/unified ("Unable to create directory
# /sys/fs/cgroup/unified"): it binds the v2 hierarchy before it mounts the
# tmpfs the v1 ones go under.  So on such a host the libvirtd this test
# starts runs in a mount namespace of its own without that cgroup2 mount; the
# host's mounts are not touched.
# Exit 77 when not root or when libvirt's LXC driver cannot be had.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
tool=${VIRTPLUG_TOOL:-}
[ -n "$tool" ] && [ -x "$tool" ] || { echo "SKIP: no virtplug tool"; exit 77; }
export LC_ALL=C.UTF-8
here=$srcdir/tests/backends/lxc
# shellcheck source=peer-lib.sh
. "$srcdir/tests/interop/libvirt/peer-lib.sh"
PEER_PKGS="libvirt-clients libvirt-daemon libvirt-daemon-driver-lxc procps util-linux"

# The machine's libvirtd is shared: see peer_lock in peer-lib.sh.
peer_lock

peer_init system
PEER_URI=lxc:///system
P=${PEER_PREFIX}lxc-

[ "$(id -u)" = 0 ] || peer_skip "needs root"
mkdir -p "$PEER_STATE" || peer_skip "cannot create $PEER_STATE"
peer_install || peer_skip "cannot install $PEER_PKGS"

# Hybrid cgroups: v1 controllers plus cgroup2 at /sys/fs/cgroup/unified.
hybrid() {
    awk '$2 == "/sys/fs/cgroup/unified" && $3 == "cgroup2" { f = 1 } END { exit !f }' /proc/self/mounts &&
        awk '$3 == "cgroup" { f = 1 } END { exit !f }' /proc/self/mounts
}

# A libvirtd that a test of ours started may lack the LXC driver (started
# before it was installed) or see the cgroup2 mount: stop it.  One we did
# not start is used as it is.
if peer_alive "$PEER_STATE/libvirtd.pid" libvirtd; then
    pid=$(cat "$PEER_STATE/libvirtd.pid")
    kill "$pid"; peer_wait_gone "$pid" || peer_skip "libvirtd $pid does not stop"
    rm -f "$PEER_STATE/libvirtd.pid"
fi
mkdir -p /run/libvirt/lxc
# never auto-start the autostart containers when the daemon starts
[ -e /run/libvirt/lxc/autostarted ] || : > /run/libvirt/lxc/autostarted
NAMESPACE=no
if ! peer_running libvirtd; then
    if hybrid && command -v unshare >/dev/null; then
        NAMESPACE=yes
        peer_daemon unshare -m --propagation private sh -c \
            'umount /sys/fs/cgroup/unified && exec libvirtd --daemon --pid-file "$1"' \
            sh "$PEER_STATE/libvirtd.pid" || peer_skip "libvirtd did not start"
    else
        peer_daemon libvirtd --daemon --pid-file "$PEER_STATE/libvirtd.pid" ||
            peer_skip "libvirtd did not start"
    fi
fi
peer_wait_uri || peer_skip "cannot connect to $PEER_URI (no LXC driver in the running libvirtd?)"
peer_log "libvirtd for $PEER_URI: own mount namespace without the cgroup2 mount: $NAMESPACE"

tmp=$(mktemp -d)

lxc_xml() {   # lxc_xml NAME [TITLE]
    printf "<domain type='lxc'>\n  <name>%s</name>\n  <uuid>%s</uuid>\n" "$1" "$(peer_uuid "$1")"
    [ -n "${2:-}" ] && printf '  <title>%s</title>\n' "$2"
    cat <<XML
  <memory unit='MiB'>64</memory>
  <os><type>exe</type><init>/bin/sleep</init><initarg>100000</initarg></os>
  <devices><console type='pty'/></devices>
</domain>
XML
}

# Stops and removes every container of ours, and what libvirt leaves of
# them in its state directory.
lxc_remove_all() {
    for d in $(V list --all --name 2>/dev/null | grep "^$P"); do
        peer_destroy "$d" || true
        V undefine "$d" >/dev/null 2>&1 || true
    done
    for d in /run/libvirt/lxc/"$P"*; do
        case "$d" in *.xml) ;; *) [ -e "$d" ] && rm -rf "$d" ;; esac
    done
}

cleanup() {
    lxc_remove_all
    rm -rf "$tmp"
    peer_teardown
}
trap cleanup EXIT
lxc_remove_all

# 1. the containers; each state says whether it could be produced
PRODUCED= MISSING=
state() {   # state LABEL COMMAND...
    label=$1; shift
    if "$@" >"$tmp/state.log" 2>&1; then
        PRODUCED="$PRODUCED $label"
    else
        MISSING="$MISSING $label"
        peer_log "could not produce $label: $(tr '\n' ' ' < "$tmp/state.log")"
    fi
}
define() { lxc_xml "$@" > "$tmp/$1.xml" && V define "$tmp/$1.xml"; }
create() { lxc_xml "$@" > "$tmp/$1.xml" && V create "$tmp/$1.xml"; }
mk_autostart() { define "$1" && V autostart "$1"; }
mk_running() { define "$@" && V start "$1"; }
mk_paused() { define "$1" && V start "$1" && V suspend "$1"; }
mk_autostart_running() { define "$1" && V autostart "$1" && V start "$1"; }
mk_transient_paused() { create "$1" && V suspend "$1"; }
state defined define "${P}shutoff" "A stopped container"
state autostart mk_autostart "${P}autostart"
state running mk_running "${P}running" "A running container"
state paused mk_paused "${P}paused"
state autostart+running mk_autostart_running "${P}autostart-running"
state transient create "${P}transient" "A transient container"
state transient+paused mk_transient_paused "${P}transient-paused"
echo "states produced:${PRODUCED:- none}"
echo "states not produced:${MISSING:- none}"
fail=0
case "$PRODUCED" in *defined*autostart*) ;; *) echo "FAIL: not even defined and autostart containers"; fail=1 ;; esac
# A state that could not be produced may still leave its container defined
# (defined, then the start failed): the count to match is virsh's.
n=$("$tool" -c "$PEER_URI" list --all --name | grep -c "^$P")
want=$(V list --all --name | grep -c "^$P")
echo "sanity: virtplug lists $n ${P}* containers (virsh: $want; at least $(echo $PRODUCED | wc -w) wanted)"
[ "$n" -eq "$want" ] && [ "$n" -ge "$(echo $PRODUCED | wc -w)" ] || fail=1

# 2. the matrix, and list --all through the aliases
grep -v '^#' "$here/options.list" > "$tmp/options"
peer_matrix "$tool" "$tmp/options" "$tmp"
[ "$MATRIX_FAIL" -eq 0 ] || fail=1
for u in lxc:/// lxc://; do
    virsh -c "$u" list --all > "$tmp/virsh.out" 2>&1
    "$tool" -c "$u" list --all > "$tmp/virtplug.out" 2>&1
    if cmp -s "$tmp/virsh.out" "$tmp/virtplug.out"; then
        echo "alias $u: list --all identical"
    else
        echo "DIFF alias $u: list --all"; diff -u "$tmp/virsh.out" "$tmp/virtplug.out" | head -20
        fail=1
    fi
done

# 3. the refused filters
refused=0
grep -v '^#' "$here/no-support.list" > "$tmp/refused"
while IFS='|' read -r opt group; do
    for o in "$opt" "--all $opt"; do
        # shellcheck disable=SC2086
        if "$tool" -c "$PEER_URI" list $o > "$tmp/out" 2> "$tmp/err"; then
            echo "FAIL: virtplug list $o succeeded"; fail=1
        elif ! grep -qxF "error: this function is not supported by the connection driver: the lxc backend cannot tell $group" "$tmp/err"; then
            echo "FAIL: virtplug list $o: not the no-support error naming '$group'"; cat "$tmp/err"; fail=1
        else
            refused=$((refused + 1))
        fi
        # libvirt answers as if no container had any: --with-* lists none,
        # --without-* the same as no filter (what the README says)
        base=$(printf '%s' "$o" | sed 's/ *--with[a-z-]*//')
        # shellcheck disable=SC2086
        VL list $o > "$tmp/virsh.out" 2>&1 && VL list $base > "$tmp/virsh.base" 2>&1 ||
            { echo "FAIL: virsh list $o failed"; fail=1; }
        case "$opt" in
        --with-*) ! grep -q " $P" "$tmp/virsh.out" ||
            { echo "FAIL: virsh list $o lists containers"; fail=1; } ;;
        *) cmp -s "$tmp/virsh.out" "$tmp/virsh.base" ||
            { echo "FAIL: virsh list $o differs from list $base"; fail=1; } ;;
        esac
    done
done < "$tmp/refused"
echo "no-support: $refused filters refused by virtplug with the group named (want $(($(wc -l < "$tmp/refused") * 2)))"

# libvirt's LXC driver gives the running kernel's version as the
# hypervisor's (what the lxc backend's connectGetVersion answers).
kernel=$(uname -r | sed 's/^\([0-9]*\.[0-9]*\)\([.0-9]*\).*/\1\2/')
case $kernel in *.*.*) ;; *) kernel=$kernel.0 ;; esac
if virsh -c "$PEER_URI" version | grep -qx "Running hypervisor: LXC $kernel"; then
    echo "version: libvirt's LXC driver reports the kernel's, $kernel"
else
    echo "FAIL: virsh version does not say 'Running hypervisor: LXC $kernel'"; fail=1
fi
exit $fail
