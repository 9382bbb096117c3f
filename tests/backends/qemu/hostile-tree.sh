#!/bin/sh
# hostile-tree.sh: `virtplug list` over qemu host trees that someone made
# hostile on purpose.  Each case holds one damaged thing next to a good
# domain; the good domain must stay listed, the command must succeed, the
# damage must be named in one warning, and nothing written to the terminal
# may carry a control byte.
#  - a config cut right after </uuid>: refused for every question (plain
#    and --title listings list the same domains);
#  - unreadable status and autostart directories (as an unprivileged user):
#    a warning, not a failed listing;
#  - a 251-byte name (its file name is NAME_MAX bytes long);
#  - two configs with one UUID: a warning naming both;
#  - escape sequences in a file name;
#  - a file declaring another encoding with bytes invalid in it: no line of
#    libxml2's own on stderr;
#  - an empty file: called empty.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
tool=${VIRTPLUG_TOOL:-}
tpl=$srcdir/tests/backends/qemu/templates
if [ -z "$tool" ] || [ ! -x "$tool" ]; then
    echo "SKIP: virtplug tool not built ($tool)"
    exit 77
fi
export LC_ALL=C.UTF-8

tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
esc=$(printf '\033')

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# newtree DIR: a tree with one good domain, 'good' (running, autostart).
newtree() {
    etc=$1/etc/libvirt/qemu run=$1/run/libvirt/qemu
    mkdir -p "$etc/autostart" "$run" "$1/var/lib/libvirt/qemu/save"
    config good 11111111-0000-4000-8000-00000000000a
    sed -e 's/@NAME@/good/g' -e 's/@UUID@/11111111-0000-4000-8000-00000000000a/g' \
        -e 's/@ID@/1/g' -e 's/@STATE@/running/g' -e 's/@REASON@/booted/g' \
        -e 's/@PID@/3001/g' "$tpl/status.xml" > "$run/good.xml"
    ln -s /etc/libvirt/qemu/good.xml "$etc/autostart/good.xml"
    chmod -R a+rX "$1"
}
# config NAME UUID (into $etc)
config() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" "$tpl/config.xml" > "$etc/$1.xml"
}
# run TREE [OPTS...]: list into $tmp/out, $tmp/err; $rc
run() {
    t=$1; shift
    $as "$tool" -c "qemu:///system?root=$t" list "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
}
as=
# no control byte other than newline reached the terminal
clean() {
    if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$tmp/out" "$tmp/err"; then
        bad "$1: control bytes in the output"; od -c "$tmp/err" | head -5
    else
        ok
    fi
}
has() {   # has FILE PATTERN WHAT
    if grep -q -e "$2" "$1"; then ok; else bad "$3"; cat "$1"; fi
}
hasnot() {
    if grep -q -e "$2" "$1"; then bad "$3"; cat "$1"; else ok; fi
}
rcis() {
    if [ "$rc" -eq "$1" ]; then ok; else bad "$2 (rc=$rc)"; cat "$tmp/err"; fi
}
lines() {   # lines FILE PATTERN COUNT WHAT
    n=$(grep -c -e "$2" "$1")
    if [ "$n" -eq "$3" ]; then ok; else bad "$4: $n lines, expected $3"; cat "$1"; fi
}

# ---- a config cut right after </uuid> ------------------------------------
t=$tmp/cut; newtree "$t"
config cut 11111111-0000-4000-8000-00000000000b
sed -i '/<\/uuid>/q' "$etc/cut.xml"
printf '  <title>half' >> "$etc/cut.xml"
run "$t" --all --name; rc0=$rc; cp "$tmp/out" "$tmp/plain"
run "$t" --all --title
rcis 0 "cut config: list --all --title"
has "$tmp/out" ' good ' "cut config: --title lost the good domain"
run "$t" --all --name
if [ "$rc0" -eq 0 ] && cmp -s "$tmp/plain" "$tmp/out" &&
    ! grep -q '^cut$' "$tmp/out"; then
    ok
else
    bad "cut config: listed by a plain listing"; cat "$tmp/out"
fi
lines "$tmp/err" "cut.xml" 1 "cut config: one warning"
# ...and cut elsewhere after the name and UUID: the same verdict
config cut2 11111111-0000-4000-8000-00000000000c
sed -i '/<devices>/q' "$etc/cut2.xml"
run "$t" --all --name
hasnot "$tmp/out" '^cut2$' "config cut in <devices>: listed"
run "$t" --all --title
rcis 0 "config cut in <devices>: list --all --title"
hasnot "$tmp/out" ' cut2 ' "config cut in <devices>: listed with --title"

# ...a bad title costs the title, not the domain, for every question
config badtitle 11111111-0000-4000-8000-00000000000d
sed -i 's|</uuid>|&\n  <title>a \&undefined; title</title>|' "$etc/badtitle.xml"
run "$t" --all --name
has "$tmp/out" '^badtitle$' "entity in the title: not listed"
run "$t" --all --title
rcis 0 "entity in the title: list --all --title"
has "$tmp/out" ' badtitle ' "entity in the title: not listed with --title"
has "$tmp/err" 'badtitle.xml' "entity in the title: no warning"

# ---- unreadable status and autostart directories --------------------------
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv > /dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$tool" 2> /dev/null; then
        as='setpriv --reuid=65534 --regid=65534 --clear-groups'
    fi
else
    as=' '
fi
# (nobody cannot reach a tool under a private directory such as /root:
# then this part is skipped, and said so)
[ -n "$as" ] || echo "SKIP: unreadable directories: no user without the access to read them can run $tool"
if [ -n "$as" ] && [ -n "${VIRTPLUG_VALGRIND_LOGDIR:-}" ]; then
    # Under valgrind-tool.sh, the unprivileged runs write their reports
    # where they can; they are moved to the real place afterwards.
    vglogs=$VIRTPLUG_VALGRIND_LOGDIR
    VIRTPLUG_VALGRIND_LOGDIR=$tmp/vglogs; export VIRTPLUG_VALGRIND_LOGDIR
    mkdir -m 1777 "$VIRTPLUG_VALGRIND_LOGDIR"
fi
if [ -n "$as" ]; then
    t=$tmp/locked; newtree "$t"
    config other 11111111-0000-4000-8000-00000000000e
    chmod a+r "$etc/other.xml"
    chmod 000 "$t/run/libvirt/qemu"
    run "$t" --all
    rcis 0 "unreadable status dir: list --all"
    has "$tmp/out" ' other ' "unreadable status dir: lost a config"
    has "$tmp/out" ' good ' "unreadable status dir: lost a persistent domain"
    lines "$tmp/err" "run/libvirt/qemu" 1 "unreadable status dir: one warning"
    run "$t" --inactive --name
    rcis 0 "unreadable status dir: list --inactive"
    lines "$tmp/err" "run/libvirt/qemu" 1 "unreadable status dir (--inactive): one warning"
    chmod 755 "$t/run/libvirt/qemu"
    chmod 000 "$t/etc/libvirt/qemu/autostart"
    run "$t" --all --autostart
    rcis 0 "unreadable autostart dir: list --all --autostart"
    lines "$tmp/err" "autostart" 1 "unreadable autostart dir: one warning"
    run "$t" --all
    rcis 0 "unreadable autostart dir: list --all"
    has "$tmp/out" ' good ' "unreadable autostart dir: lost a domain"
    chmod 755 "$t/etc/libvirt/qemu/autostart"
    # the config directory stays the one that fails the listing
    chmod 000 "$t/etc/libvirt/qemu"
    run "$t" --all
    rcis 1 "unreadable config dir: list --all"
    chmod 755 "$t/etc/libvirt/qemu"
    as=
    if [ -n "${vglogs:-}" ]; then
        cp "$tmp/vglogs/"* "$vglogs/" 2> /dev/null
        VIRTPLUG_VALGRIND_LOGDIR=$vglogs
    fi
else
    echo "SKIP: unreadable directories (cannot run as an unprivileged user)"
fi

# ---- a 251-byte name: NAME.xml is NAME_MAX bytes --------------------------
t=$tmp/long; newtree "$t"
long=$(printf '%0251d' 0 | tr 0 l)
config "$long" 11111111-0000-4000-8000-00000000000f
sed -e "s/@NAME@/$long/g" -e 's/@UUID@/11111111-0000-4000-8000-00000000000f/g' \
    -e 's/@ID@/7/g' -e 's/@STATE@/running/g' -e 's/@REASON@/booted/g' \
    -e 's/@PID@/3007/g' "$tpl/status.xml" > "$t/run/libvirt/qemu/$long.xml"
run "$t" --all --name
has "$tmp/out" "^$long\$" "251-byte name: not listed"
run "$t" --state-running --name
has "$tmp/out" "^$long\$" "251-byte name: not listed as running"

# ---- two configs with one UUID ---------------------------------------------
t=$tmp/dup; newtree "$t"
config dup-a 11111111-0000-4000-8000-000000000010
config dup-b 11111111-0000-4000-8000-000000000010
run "$t" --all --name
rcis 0 "duplicate UUIDs: list --all"
lines "$tmp/out" '^dup-' 1 "duplicate UUIDs: listed"
lines "$tmp/err" '11111111-0000-4000-8000-000000000010' 1 "duplicate UUIDs: one warning"
has "$tmp/err" "dup-a" "duplicate UUIDs: warning does not name dup-a"
has "$tmp/err" "dup-b" "duplicate UUIDs: warning does not name dup-b"

# ---- escape sequences in a file name ----------------------------------------
t=$tmp/esc; newtree "$t"
# a directory where a file should be: vp-file.c refuses it by name
mkdir "$t/etc/libvirt/qemu/x${esc}[2J${esc}]0;owned$(printf '\007').xml"
printf 'junk' > "$t/etc/libvirt/qemu/y${esc}[2J.xml"
run "$t" --all
rcis 0 "escape in a file name: list --all"
lines "$tmp/err" 'warning' 2 "escape in a file name: one warning each"
clean "escape in a file name"

# ---- another encoding, with bytes invalid in it ------------------------------
t=$tmp/enc; newtree "$t"
config enc 11111111-0000-4000-8000-000000000011
sed -i "1i <?xml version='1.0' encoding='ISO-2022-JP'?>" "$etc/enc.xml"
sed -i "s|<name>enc|<name>enc$(printf '\216\377')|" "$etc/enc.xml"
run "$t" --all --name
rcis 0 "bad bytes in a declared encoding: list --all"
hasnot "$tmp/err" '^encoding error\|^I/O error\|^[a-z/]*enc\.xml:' \
    "bad bytes in a declared encoding: libxml2 printed on stderr"
lines "$tmp/err" 'enc\.xml' 1 "bad bytes in a declared encoding: one warning"
clean "bad bytes in a declared encoding"

# ---- empty files ----------------------------------------------------------------
t=$tmp/empty; newtree "$t"
: > "$t/etc/libvirt/qemu/void.xml"
: > "$t/run/libvirt/qemu/void2.xml"
run "$t" --all
rcis 0 "empty files: list --all"
has "$tmp/err" "void.xml.*empty" "empty config: not called empty"
has "$tmp/err" "void2.xml.*empty" "empty status: not called empty"
hasnot "$tmp/err" "Extra content" "empty files: libxml2's message"

echo "hostile-tree: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
