# shellcheck shell=sh
# peer-lib.sh: a real libvirt 9.0 QEMU driver as a peer for the interop
# tests (sourced, not run).  PEER_MODE=system: libvirtd + virtlogd started by
# hand (no systemd), URI qemu:///system.  PEER_MODE=embed: libvirt's
# embedded driver under PEER_ROOT, URI qemu:///embed?root=PEER_ROOT.
# Only domains named vpt-* are ever created or removed; only daemons this
# library started are stopped (their pids are recorded under PEER_STATE).

PEER_PREFIX=vpt-
PEER_PKGS="libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils"
PEER_MARKER='# written by virtplug tests/interop/libvirt'
PEER_STATE=/run/virtplug-interop-libvirt

peer_log() { printf '[peer] %s\n' "$*" >&2; }
peer_skip() { peer_log "SKIP: $*"; exit 77; }

# The machine's libvirtd is shared with the test runs of other checkouts:
# peer_lock holds /tmp/virtplug-libvirtd.lock (VIRTPLUG_LIBVIRTD_LOCK) on
# descriptor 9 for as long as the calling test runs, unless a caller
# already does (`flock LOCK make check` passes its descriptor down; taking
# the lock again through another one would wait for ourselves).  The wait
# is bounded only so that a stuck holder fails the test instead of CI.
peer_lock() {
    lock=${VIRTPLUG_LIBVIRTD_LOCK:-/tmp/virtplug-libvirtd.lock}
    held=no
    for fd in /proc/$$/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "$lock" ] && held=yes
    done
    if [ "$held" = no ]; then
        exec 9>>"$lock" || { echo "FAIL: cannot open $lock"; exit 1; }
        flock -w 1800 9 || { echo "FAIL: no lock on $lock after 30 min"; exit 1; }
    fi
}

peer_init() {   # peer_init system|embed [ROOT]
    PEER_MODE=$1
    if [ "$PEER_MODE" = embed ]; then
        PEER_ROOT=$2
        PEER_URI="qemu:///embed?root=$PEER_ROOT"
        PEER_CONF=$PEER_ROOT/etc/qemu.conf
        PEER_IMAGES=$PEER_ROOT/images
    else
        PEER_ROOT=
        PEER_URI=qemu:///system
        PEER_CONF=/etc/libvirt/qemu.conf
        PEER_IMAGES=/var/lib/libvirt/images
    fi
    export LIBVIRT_LOG_OUTPUTS="3:file:$PEER_STATE/libvirt-client.log"
}

# virsh against the peer.  Embed-mode virsh sometimes dies with SIGSEGV
# (rc 139) while tearing the driver down, after its work is done: that is
# the peer's flake, not a failure.
V() {
    rc=0
    virsh -q -c "$PEER_URI" "$@" || rc=$?
    [ "$PEER_MODE" = embed ] && [ $rc -eq 139 ] && rc=0
    return $rc
}
# The same, keeping the header lines (for list output).
VL() {
    rc=0
    virsh -c "$PEER_URI" "$@" || rc=$?
    [ "$PEER_MODE" = embed ] && [ $rc -eq 139 ] && rc=0
    return $rc
}

peer_install() {
    missing=
    for p in $PEER_PKGS; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    command -v apt-get >/dev/null || return 1
    peer_log "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >"$PEER_STATE/apt.log" 2>&1 ||
        { apt-get update -q >>"$PEER_STATE/apt.log" 2>&1 &&
          apt-get install -y -q --no-install-recommends $missing >>"$PEER_STATE/apt.log" 2>&1; }
}

# ischroot (debianutils) compares / with pid 1's root; "cannot tell" (2)
# counts as not in a chroot.
peer_in_chroot() { command -v ischroot >/dev/null && ischroot; }

peer_prereqs() {
    # The Debian build resolves libvirt-qemu at driver start, whatever
    # qemu.conf says.
    getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu || return 1
    getent passwd libvirt-qemu >/dev/null ||
        useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt \
            --no-create-home --shell /usr/sbin/nologin libvirt-qemu || return 1
    mkdir -p /var/log/libvirt "$PEER_IMAGES" "$(dirname "$PEER_CONF")"
    if [ -e "$PEER_CONF" ] && ! grep -qF "$PEER_MARKER" "$PEER_CONF"; then
        [ -e "$PEER_STATE/qemu.conf.orig" ] || cp -p "$PEER_CONF" "$PEER_STATE/qemu.conf.orig"
    fi
    {
        echo "$PEER_MARKER"
        echo 'user = "root"'
        echo 'group = "root"'
        if [ "$PEER_MODE" = embed ]; then echo 'stdio_handler = "file"'; fi
        # In a chroot libvirt cannot build QEMU's private /dev (QEMU then
        # fails with "Failed to create PTY"): QEMU uses the root's /dev.
        if peer_in_chroot; then echo 'namespaces = [ ]'; fi
    } > "$PEER_CONF"
}

peer_alive() {   # peer_alive PIDFILE COMM
    [ -s "$1" ] || return 1
    pid=$(tr -dc 0-9 < "$1")
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]
}

# Whether a process named COMM runs, zombies aside: a daemon a test killed
# stays a zombie until init reaps it, and pgrep counts it as running (the
# next test then waited on a daemon that was gone).
peer_running() {   # peer_running COMM
    ps -e -o stat= -o comm= | awk -v n="$1" '$2 == n && $1 !~ /^Z/ { f = 1 } END { exit !f }'
}

# Waits until the daemon answers.  The bound (5 min) is a failure guard
# only: a cold start probes QEMU's capabilities, seconds on an idle
# machine and much more on a loaded one.
peer_wait_uri() {
    i=0
    while [ $i -lt 600 ]; do
        virsh -q -c "$PEER_URI" uri >/dev/null 2>&1 && return 0
        i=$((i + 1)); sleep 0.5
    done
    return 1
}

# Waits until PID has exited (or is a zombie); the bound is a guard.
peer_wait_gone() {
    i=0
    while kill -0 "$1" 2>/dev/null &&
          [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; do
        i=$((i + 1)); [ $i -gt 3000 ] && return 1
        sleep 0.02
    done
    return 0
}

# Runs a daemon with no descriptor but 0-2 open: one started while a test
# holds /tmp/virtplug-libvirtd.lock would otherwise keep that lock for as
# long as it lives, and every later test would wait on it.
peer_daemon() {
    (exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; exec "$@")
}

peer_start_daemons() {
    [ "$PEER_MODE" = system ] || return 0
    mkdir -p /run/libvirt/qemu
    # never auto-start the autostart domains when the daemon (re)starts
    [ -e /run/libvirt/qemu/autostarted ] || : > /run/libvirt/qemu/autostarted
    if ! peer_alive "$PEER_STATE/virtlogd.pid" virtlogd && ! peer_running virtlogd; then
        peer_daemon virtlogd --daemon --pid-file "$PEER_STATE/virtlogd.pid" || return 1
    fi
    if ! peer_alive "$PEER_STATE/libvirtd.pid" libvirtd && ! peer_running libvirtd; then
        peer_daemon libvirtd --daemon --pid-file "$PEER_STATE/libvirtd.pid" || return 1
    fi
    peer_wait_uri
}

peer_uuid() {
    h=$(printf 'virtplug-interop:%s' "$1" | md5sum | cut -c1-32)
    printf '%s-%s-4%s-8%s-%s\n' "$(echo "$h" | cut -c1-8)" "$(echo "$h" | cut -c9-12)" \
        "$(echo "$h" | cut -c14-16)" "$(echo "$h" | cut -c18-20)" "$(echo "$h" | cut -c21-32)"
}

peer_xml() {   # peer_xml NAME [QCOW2] > file
    cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <uuid>$(peer_uuid "$1")</uuid>
  <title>interop $1</title>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
XML
    if [ -n "${2:-}" ]; then
        printf "    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='%s'/><target dev='vda' bus='virtio'/></disk>\n" "$2"
    fi
    cat <<XML
    <serial type='pty'/>
    <console type='pty'/>
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

peer_define() {   # peer_define NAME [QCOW2]
    peer_xml "$@" > "$PEER_STATE/$1.xml"
    V define "$PEER_STATE/$1.xml" >/dev/null
}

peer_domstate() { V domstate "$1" 2>/dev/null | head -1; }

peer_destroy() {
    i=0
    while [ $i -lt 20 ]; do
        case "$(peer_domstate "$1")" in ''|'shut off') return 0 ;; esac
        V destroy "$1" >/dev/null 2>&1 || true
        i=$((i + 1)); sleep 0.5
    done
    return 1
}

peer_remove_all() {
    for d in $(V list --all --name 2>/dev/null | grep "^$PEER_PREFIX"); do
        peer_destroy "$d" || true
        V undefine "$d" --managed-save --snapshots-metadata --checkpoints-metadata \
            >/dev/null 2>&1 || V undefine "$d" --managed-save --snapshots-metadata \
            >/dev/null 2>&1 || true
    done
    rm -f "$PEER_IMAGES/${PEER_PREFIX}"*.qcow2
}

# The domain set: every state a listing filters on.
peer_create_domains() {
    P=$PEER_PREFIX
    peer_define "${P}shutoff" || return 1
    peer_define "${P}running" && V start "${P}running" >/dev/null || return 1
    peer_define "${P}paused" && V start "${P}paused" >/dev/null &&
        V suspend "${P}paused" >/dev/null || return 1
    {
        echo "<domainsnapshot><name>meta1</name><state>shutoff</state>"
        echo "<creationTime>1700000000</creationTime><memory snapshot='no'/>"
        V dumpxml --inactive "${P}paused"
        echo "</domainsnapshot>"
    } > "$PEER_STATE/meta1.xml"
    V snapshot-create "${P}paused" "$PEER_STATE/meta1.xml" --redefine --current >/dev/null || return 1
    peer_define "${P}autostart" && V autostart "${P}autostart" >/dev/null || return 1
    peer_define "${P}autostart-running" && V autostart "${P}autostart-running" >/dev/null &&
        V start "${P}autostart-running" >/dev/null || return 1
    peer_define "${P}managedsave" && V start "${P}managedsave" >/dev/null &&
        V managedsave "${P}managedsave" >/dev/null || return 1
    qemu-img create -q -f qcow2 "$PEER_IMAGES/${P}snapshot.qcow2" 16M || return 1
    peer_define "${P}snapshot" "$PEER_IMAGES/${P}snapshot.qcow2" &&
        V snapshot-create-as "${P}snapshot" s1 >/dev/null &&
        V snapshot-create-as "${P}snapshot" s2 >/dev/null || return 1
    qemu-img create -q -f qcow2 "$PEER_IMAGES/${P}checkpoint.qcow2" 16M || return 1
    peer_define "${P}checkpoint" "$PEER_IMAGES/${P}checkpoint.qcow2" || return 1
    # libvirt 9.0 refuses checkpoints of an inactive domain: make it live,
    # take the checkpoint, stop it again (the metadata stays).
    if V start "${P}checkpoint" >"$PEER_STATE/checkpoint.log" 2>&1 &&
        V checkpoint-create-as "${P}checkpoint" c1 >>"$PEER_STATE/checkpoint.log" 2>&1 &&
        peer_destroy "${P}checkpoint"; then
        PEER_CHECKPOINT=yes
    else
        PEER_CHECKPOINT="no: $(tr '\n' ' ' < "$PEER_STATE/checkpoint.log")"
    fi
    peer_log "checkpoint of a qcow2 domain: $PEER_CHECKPOINT"
    peer_destroy "${P}checkpoint"
    peer_xml "${P}transient" > "$PEER_STATE/${P}transient.xml"
    V create "$PEER_STATE/${P}transient.xml" >/dev/null || return 1
    peer_xml "${P}transient-paused" > "$PEER_STATE/${P}transient-paused.xml"
    V create "$PEER_STATE/${P}transient-paused.xml" --paused >/dev/null || return 1
}

# Brings the peer up with a fresh domain set, or exits 77.
peer_setup() {
    [ "$(id -u)" = 0 ] || peer_skip "needs root"
    mkdir -p "$PEER_STATE" || peer_skip "cannot create $PEER_STATE"
    peer_install || peer_skip "cannot install $PEER_PKGS"
    peer_prereqs || peer_skip "cannot prepare the host for libvirtd"
    peer_start_daemons || peer_skip "libvirtd did not start"
    peer_wait_uri || peer_skip "cannot connect to $PEER_URI"
    peer_remove_all
    peer_create_domains || { peer_remove_all; peer_skip "cannot create the domains"; }
}

# Removes our domains, stops the daemons we started, restores qemu.conf.
peer_teardown() {
    peer_remove_all
    if [ "$PEER_MODE" = system ]; then
        for d in libvirtd virtlogd; do
            if peer_alive "$PEER_STATE/$d.pid" $d; then
                pid=$(cat "$PEER_STATE/$d.pid")
                kill "$pid" 2>/dev/null
                # The next test may start its own daemon: this one must be
                # gone first.  SIGKILL only if SIGTERM did not end it.
                peer_wait_gone "$pid" || { kill -9 "$pid" 2>/dev/null; peer_wait_gone "$pid"; }
            fi
            rm -f "$PEER_STATE/$d.pid"
        done
        if [ -e "$PEER_STATE/qemu.conf.orig" ]; then
            mv "$PEER_STATE/qemu.conf.orig" "$PEER_CONF"
        elif grep -qF "$PEER_MARKER" "$PEER_CONF" 2>/dev/null; then
            rm -f "$PEER_CONF"
        fi
    fi
}

# The matrix: virtplug and virsh list, byte for byte, every option of
# tests/backends/qemu/options.list alone and with --all.  Sets MATRIX_PASS/FAIL.
peer_matrix() {   # peer_matrix TOOL OPTIONS-FILE LOGDIR
    MATRIX_PASS=0 MATRIX_FAIL=0
    for opt in $(grep -v '^#' "$2" | tr ' ' '@'); do
        opt=$(printf '%s' "$opt" | tr '@' ' ')
        [ "$opt" = - ] && opt=
        for o in "$opt" "--all $opt"; do
            case "$o" in "--all " | "--all --all" | "--all --inactive") continue ;; esac
            # shellcheck disable=SC2086
            VL list $o > "$3/virsh.out" 2>"$3/virsh.err"
            vrc=$?
            # shellcheck disable=SC2086
            "$1" -c "$PEER_URI" list $o > "$3/virtplug.out" 2>"$3/virtplug.err"
            prc=$?
            if [ $vrc -eq 0 ] && [ $prc -eq 0 ] && cmp -s "$3/virsh.out" "$3/virtplug.out"; then
                MATRIX_PASS=$((MATRIX_PASS + 1))
            else
                MATRIX_FAIL=$((MATRIX_FAIL + 1))
                echo "DIFF list $o (virsh rc=$vrc, virtplug rc=$prc, $(cmp "$3/virsh.out" "$3/virtplug.out" 2>&1 | head -1))"
                diff -u "$3/virsh.out" "$3/virtplug.out" | head -20
                head -3 "$3/virtplug.err"
            fi
        done
    done
    echo "matrix ($PEER_URI): $MATRIX_PASS identical, $MATRIX_FAIL different"
}

# The matrix is only worth something if the peer has every kind of domain:
# checks what virtplug sees of our set (prints it; returns 1 when short).
peer_sanity() {   # peer_sanity TOOL
    ok=0
    n=$("$1" -c "$PEER_URI" list --all --name 2>/dev/null | grep -c "^$PEER_PREFIX")
    echo "sanity: virtplug lists $n ${PEER_PREFIX}* domains (want 10)"
    [ "$n" -eq 10 ] || ok=1
    for f in --with-snapshot --with-managed-save --autostart --transient --state-paused --with-checkpoint; do
        got=$("$1" -c "$PEER_URI" list --all $f --name 2>/dev/null | grep "^$PEER_PREFIX" | tr '\n' ' ')
        echo "sanity: list --all $f: $got"
        [ -n "$got" ] || { [ $f = --with-checkpoint ] && [ "$PEER_CHECKPOINT" != yes ]; } || ok=1
    done
    return $ok
}
