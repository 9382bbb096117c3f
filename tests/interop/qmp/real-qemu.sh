#!/bin/sh
# real-qemu.sh: standalone QEMU processes listed through their QMP sockets.
#
# Starts cheap QEMUs (-machine none: no CPU, no RAM, no firmware) in the run
# states prelaunch, running, paused, postmigrate, shutdown and inmigrate,
# one without -name/-uuid, one whose monitor another client holds, plus a
# socket whose server accepts and never speaks and the stale socket of a
# killed QEMU; then checks that `virtplug list --all` shows each with
# libvirt's state strings, within the QMP deadline + 0.5 s more than the
# same listing without the two monitors that never answer.
#
# Exit 0 pass, 1 fail, 77 skip (no QEMU, no python3, or the tool and the
# qemu backend are not built).

TIMEOUT_MS=1000
SLACK_MS=500
# Under valgrind the tool itself runs tens of times slower: the deadline
# is still what bounds the monitors, but start-up and teardown are not.
[ -n "${VIRTPLUG_UNDER_VALGRIND:-}" ] && SLACK_MS=5000

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

command -v qemu-system-x86_64 >/dev/null 2>&1 || skip "no qemu-system-x86_64"
command -v python3 >/dev/null 2>&1 || skip "no python3"
TOOL=${VIRTPLUG_TOOL:-}
[ -n "$TOOL" ] && [ -x "$TOOL" ] || skip "virtplug tool not built (\$VIRTPLUG_TOOL)"
if [ -n "${VIRTPLUG_BACKEND_DIR:-}" ] && [ ! -e "$VIRTPLUG_BACKEND_DIR/qemu.so" ]; then
    skip "qemu backend not built in $VIRTPLUG_BACKEND_DIR"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/vpqemu.XXXXXX") || fail "mktemp"
ROOT=$T/root
QMP=$ROOT/run/virtplug/qmp
mkdir -p "$QMP" || fail "mkdir"
HELPERS=

cleanup() {
    for f in "$T"/*.pid; do
        [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    done
    for p in $HELPERS; do
        kill -9 "$p" 2>/dev/null
    done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A small QMP client: run commands, wait for a run state, hold a monitor,
# or serve a socket that never speaks.  "hold" and "silent" print "ready"
# on stdout once in place and keep their socket until stdin reaches its
# end: the test decides when they let go, and if the test dies, so do they.
cat > "$T/qmp.py" <<'EOF'
import json, os, select, socket, sys, time

# Failure guard only: a QEMU that does not answer fails the test instead
# of hanging it.  Nothing waits for this to pass.
GUARD_S = 120

def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(GUARD_S)
    s.connect(path)
    f = s.makefile("rb")
    greeting = json.loads(f.readline())
    assert "QMP" in greeting, greeting
    return s, f

def execute(s, f, cmd, args=None, ident=1):
    msg = {"execute": cmd, "id": ident}
    if args is not None:
        msg["arguments"] = args
    s.sendall(json.dumps(msg).encode() + b"\r\n")
    while True:
        reply = json.loads(f.readline())
        if reply.get("id") == ident:
            if "error" in reply:
                sys.exit("%s: %s" % (cmd, reply["error"]))
            return reply["return"]

def ready():
    sys.stdout.write("ready\n")
    sys.stdout.flush()

def until_released(sock, on_readable):
    # Blocks until stdin ends; meanwhile on_readable() serves the socket
    # and returns False when it is done with it.
    watch = [sys.stdin, sock]
    while True:
        readable = select.select(watch, [], [])[0]
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            return
        if sock in readable and not on_readable():
            watch = [sys.stdin]

mode, sock = sys.argv[1], sys.argv[2]
if mode == "cmd":
    # cmd SOCK NAME [JSON-ARGS] ...
    s, f = connect(sock)
    execute(s, f, "qmp_capabilities")
    rest = sys.argv[3:]
    while rest:
        name = rest.pop(0)
        args = None
        if rest and rest[0].startswith("{"):
            args = json.loads(rest.pop(0))
        execute(s, f, name, args, 2)
elif mode == "wait":
    # wait SOCK STATUS: asks query-status until it says STATUS (the
    # deadline is a failure guard, not what the test waits for).
    s, f = connect(sock)
    execute(s, f, "qmp_capabilities")
    deadline = time.monotonic() + GUARD_S
    while True:
        st = execute(s, f, "query-status", None, 3)["status"]
        if st == sys.argv[3]:
            sys.exit(0)
        if time.monotonic() > deadline:
            sys.exit("status is %s, not %s" % (st, sys.argv[3]))
        time.sleep(0.05)
elif mode == "hold":
    # hold SOCK: keep the monitor busy until released.
    s, f = connect(sock)
    execute(s, f, "qmp_capabilities")
    s.settimeout(None)
    ready()
    until_released(s, lambda: bool(s.recv(4096)))
elif mode == "silent":
    # silent SOCK: accept, never speak, until released.
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sock)
    srv.listen(1)
    conns = []
    ready()
    until_released(srv, lambda: conns.append(srv.accept()[0]) or True)
EOF

qmp() { python3 "$T/qmp.py" "$@"; }

# start NAME-OR-"" SOCKNAME UUID-OR-"" EXTRA-ARGS...
start() {
    name=$1 sock=$2 uuid=$3
    shift 3
    set -- -machine none -nodefaults -display none \
        -qmp "unix:$QMP/$sock.qmp,server=on,wait=off" \
        -daemonize -pidfile "$T/$sock.pid" "$@"
    [ -n "$name" ] && set -- "$@" -name "guest=$name"
    [ -n "$uuid" ] && set -- "$@" -uuid "$uuid"
    qemu-system-x86_64 "$@" >"$T/$sock.log" 2>&1 ||
        fail "cannot start QEMU $sock: $(cat "$T/$sock.log")"
    [ -S "$QMP/$sock.qmp" ] || fail "no QMP socket for $sock"
}

U=6c7a4e10-2b1f-4c3e-9a55-0000000000
start vm-prelaunch s-prelaunch ${U}01 -S
start vm-running s-running ${U}02
start vm-paused s-paused ${U}03
start vm-postmigrate s-postmigrate ${U}04
start vm-shutdown s-shutdown ${U}05 -no-shutdown
start vm-inmigrate s-inmigrate ${U}06 -incoming defer
start vm-busy s-busy ${U}07
start "" s-noname "" -S
start vm-stale s-stale ${U}08

qmp cmd "$QMP/s-paused.qmp" stop || fail "stop"
qmp cmd "$QMP/s-postmigrate.qmp" migrate '{"uri": "exec:cat > /dev/null"}' ||
    fail "migrate"
qmp wait "$QMP/s-postmigrate.qmp" postmigrate || fail "postmigrate"
qmp cmd "$QMP/s-shutdown.qmp" set-action '{"reboot": "shutdown", "shutdown": "pause"}' \
    system_reset || fail "system_reset"
qmp wait "$QMP/s-shutdown.qmp" shutdown || fail "shutdown state"
qmp wait "$QMP/s-inmigrate.qmp" inmigrate || fail "inmigrate state"

# A QEMU killed hard leaves its socket file behind: not a domain.
stale=$(cat "$T/s-stale.pid")
kill -9 "$stale"
rm -f "$T/s-stale.pid"
# Waits for the kill to take effect (a zombie counts as dead: whoever
# reaps it, the socket is already closed); the bound is a failure guard.
i=0
while kill -0 "$stale" 2>/dev/null &&
      [ "$(cut -d' ' -f3 "/proc/$stale/stat" 2>/dev/null)" != Z ]; do
    i=$((i + 1)); [ $i -gt 2000 ] && fail "stale QEMU did not die"; sleep 0.01
done

# The helpers hold their sockets until the test closes fd 9, the write
# end of release.fifo that is their stdin (or exits, which closes it).
# Each says "ready" through a FIFO of its own; a helper that dies first
# closes it instead, and `read` sees its end.
mkfifo "$T/release.fifo" "$T/hold.out" "$T/silent.out" || fail "mkfifo"
python3 "$T/qmp.py" hold "$QMP/s-busy.qmp" <"$T/release.fifo" >"$T/hold.out" &
HELPERS="$HELPERS $!"
python3 "$T/qmp.py" silent "$QMP/s-silent.qmp" <"$T/release.fifo" >"$T/silent.out" &
HELPERS="$HELPERS $!"
exec 9>"$T/release.fifo"
for h in hold silent; do
    read -r said <"$T/$h.out"
    [ "$said" = ready ] || fail "the $h helper did not start"
done

# What the listing costs without the monitors that never answer, under
# this machine's load of the moment: the same QEMUs through hard links to
# their sockets.  The two hung monitors may add one deadline to that, not
# one each; the tool's own cost is allowed twice over, as the load may
# change between the two runs (on an idle machine it is tens of ms).
mkdir "$T/good" || fail "mkdir"
for s in prelaunch running paused postmigrate shutdown inmigrate noname; do
    ln "$QMP/s-$s.qmp" "$T/good/" || fail "ln s-$s.qmp"
done
start_ns=$(date +%s%N)
"$TOOL" -c "qemu:///system?root=$ROOT&qmp_dir=$T/good&qmp_timeout=$TIMEOUT_MS" \
    list --all >"$T/good.out" 2>&1 || fail "listing the answering QEMUs: $(cat "$T/good.out")"
end_ns=$(date +%s%N)
base_ms=$(( (end_ns - start_ns) / 1000000 ))
[ "$(grep -c 'running\|paused\|shutdown' "$T/good.out")" -eq 7 ] ||
    fail "the answering QEMUs are not all listed with a state: $(cat "$T/good.out")"
echo "virtplug list --all of the answering QEMUs: ${base_ms} ms"

URI="qemu:///system?root=$ROOT&qmp_dir=$QMP&qmp_timeout=$TIMEOUT_MS"
start_ns=$(date +%s%N)
"$TOOL" -c "$URI" list --all >"$T/out" 2>"$T/err"
rc=$?
end_ns=$(date +%s%N)
elapsed_ms=$(( (end_ns - start_ns) / 1000000 ))
echo "virtplug list --all: exit $rc, ${elapsed_ms} ms"
cat "$T/out"
echo "--- stderr:"
cat "$T/err"
[ $rc -eq 0 ] || fail "virtplug exited $rc"
[ $elapsed_ms -le $((TIMEOUT_MS + SLACK_MS + 2 * base_ms)) ] ||
    fail "took ${elapsed_ms} ms, more than ${TIMEOUT_MS} + ${SLACK_MS} + 2 x ${base_ms}"

# Rows as "name|state|id" (the state may contain a space).
awk 'NR > 2 && NF >= 3 { s = $3; for (i = 4; i <= NF; i++) s = s " " $i;
     print $2 "|" s "|" $1 }' "$T/out" | sort >"$T/rows"

pidof_sock() { cat "$T/$1.pid"; }
{
    echo "s-busy|no state|$(pidof_sock s-busy)"
    echo "s-noname|paused|$(pidof_sock s-noname)"
    echo "s-silent|no state|SILENT"
    echo "vm-inmigrate|paused|$(pidof_sock s-inmigrate)"
    echo "vm-paused|paused|$(pidof_sock s-paused)"
    echo "vm-postmigrate|paused|$(pidof_sock s-postmigrate)"
    echo "vm-prelaunch|paused|$(pidof_sock s-prelaunch)"
    echo "vm-running|running|$(pidof_sock s-running)"
    echo "vm-shutdown|in shutdown|$(pidof_sock s-shutdown)"
} | sort >"$T/expected"
# The silent server is python: its pid is whatever listens there.
silent_id=$(awk -F'|' '$1 == "s-silent" { print $3 }' "$T/rows")
[ -n "$silent_id" ] && [ "$silent_id" -gt 0 ] 2>/dev/null ||
    fail "s-silent has no positive id"
sed -i "s/|SILENT\$/|$silent_id/" "$T/expected"

if ! diff -u "$T/expected" "$T/rows"; then
    fail "listing differs from the expected rows"
fi
grep -q "s-stale" "$T/out" && fail "the stale socket was listed"
# Each monitor that could not tell is named in a warning.
for w in "s-busy.qmp.*no greeting" "s-silent.qmp.*no greeting" \
         "s-stale.qmp.*refused"; do
    grep -q "^warning: .*$w" "$T/err" || fail "no warning matching '$w'"
done

# Reasons, as virsh domstate --reason prints them.
check_reason() {
    got=$("$TOOL" -c "$URI" domstate "$1" --reason 2>>"$T/err" | sed '/^$/d')
    [ "$got" = "$2" ] || fail "domstate $1 --reason: '$got', expected '$2'"
    echo "domstate $1 --reason: $got"
}
check_reason vm-running "running (unpaused)"
check_reason vm-prelaunch "paused (user)"
check_reason vm-paused "paused (user)"
check_reason vm-postmigrate "paused (migrating)"
check_reason vm-inmigrate "paused (migrating)"
check_reason vm-shutdown "in shutdown (unknown)"
check_reason s-busy "no state (unknown)"

echo "PASS"
exit 0
