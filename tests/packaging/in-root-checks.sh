#!/bin/sh
# in-root-checks.sh: selective deployment checks, run inside a clean Debian
# root by deb-deploy.sh (never on a real host: it installs and purges).
#
#   in-root-checks.sh DIR ABI
#
# DIR holds repo/ (the .debs and their Packages index) and src/ (the
# example hosts, docs/hello-backend.c, examples/clients, debian/tests);
# ABI is the core's backend ABI version.
set -u
DIR=${1:?usage: $0 DIR ABI}
ABI=${2:?usage: $0 DIR ABI}
SRC=$DIR/src
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
unset VIRTPLUG_BACKEND_DIR VIRTPLUG_DEFAULT_URI
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
die() { echo "FAIL: $*"; exit 1; }

APT="apt-get -q -y -o Dpkg::Use-Pty=0 --no-install-recommends"
QEMU="qemu:///system?root=$SRC/examples/hosts/qemu"
XEN="xen:///system?root=$SRC/examples/hosts/xen"

# Every file and link of the root but the ones apt/dpkg and we churn.
snapshot() {
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp \
        -o -path /run -o -path /var/lib/apt -o -path /var/lib/dpkg \
        -o -path /var/cache -o -path /var/log \) -prune -o -print | sort
}

# lists URI COUNT: `virtplug -c URI list --all --name` names COUNT domains.
lists() {
    n=$(virtplug -c "$1" list --all --name 2>"$DIR/err" | grep -c .)
    if [ "$n" -eq "$2" ]; then ok "$1 lists $n domains"
    else fail "$1 lists $n domains, want $2: $(cat "$DIR/err")"; fi
}

# missing URI BACKEND: URI fails saying BACKEND is not installed and which
# package provides it.
missing() {
    if virtplug -c "$1" list >/dev/null 2>"$DIR/err"; then
        fail "$1 listed without the $2 backend"
    elif grep -q "the $2 backend is not installed" "$DIR/err" &&
        grep -q "the package virtplug-backend-$2 provides it" "$DIR/err"; then
        ok "$1 fails naming virtplug-backend-$2"
    else
        fail "$1: error does not name virtplug-backend-$2: $(cat "$DIR/err")"
    fi
}

# modules: the module files on disk, space-separated.
modules() { (cd "$BACKENDS" 2>/dev/null && echo *.so); }

# The compiler for the -dev checks is part of the root, not of our packages.
apt-get -q -o Dpkg::Use-Pty=0 update >/dev/null || die "apt-get update"
$APT install gcc libc6-dev pkg-config >"$DIR/apt.log" 2>&1 ||
    die "install gcc: $(tail -5 "$DIR/apt.log")"
# After gcc: a clean root has neither it nor dpkg-architecture before.
TRIPLET=$(gcc -print-multiarch)
[ -n "$TRIPLET" ] || die "no multiarch triplet from gcc -print-multiarch"
BACKENDS=/usr/lib/$TRIPLET/virtplug/backends
snapshot >"$DIR/before"
echo "deb [trusted=yes] file:$DIR/repo ./" >/etc/apt/sources.list.d/virtplug-local.list
apt-get -q -o Dpkg::Use-Pty=0 update >/dev/null || die "apt-get update"

# 1. The tool and the qemu backend only; apt brings in the library.
$APT install virtplug virtplug-backend-qemu >"$DIR/apt.log" 2>&1 ||
    die "install virtplug virtplug-backend-qemu: $(tail -5 "$DIR/apt.log")"
dpkg-query -W -f='${Status}' libvirtplug0 | grep -q 'ok installed' ||
    fail "apt did not install libvirtplug0 as a dependency"
# The qemu backend uses the SDK helpers: ${shlibs:Depends} brings the SDK
# library; the -dev packages stay out.
dpkg-query -W -f='${Status}' libvirtplug-backend0 | grep -q 'ok installed' &&
    ok "apt installed libvirtplug-backend0 for the qemu backend" ||
    fail "apt did not install libvirtplug-backend0 as a dependency"
for p in libvirtplug-dev libvirtplug-backend-dev virtplug-libvirt-compat; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' &&
        fail "$p installed without being asked for"
done
lists "$QEMU" 11
missing xen:///system xen
missing test:///default test
missing lxc:///system lxc
[ "$(modules)" = qemu.so ] && ok "only qemu.so on disk" ||
    fail "modules on disk: $(modules), want qemu.so only"

# 2. Add xen; then remove qemu and nothing else changes.
$APT install virtplug-backend-xen >"$DIR/apt.log" 2>&1 || die "install -xen"
lists "$XEN" 3
lists "$QEMU" 11
snapshot >"$DIR/with-qemu"
dpkg -L virtplug-backend-qemu | sort >"$DIR/qemu-files"
$APT remove virtplug-backend-qemu >"$DIR/apt.log" 2>&1 || die "remove -qemu"
missing "$QEMU" qemu
lists "$XEN" 3
snapshot >"$DIR/without-qemu"
gone=$(comm -23 "$DIR/with-qemu" "$DIR/without-qemu")
extra=$(printf '%s\n' "$gone" | comm -23 - "$DIR/qemu-files")
new=$(comm -13 "$DIR/with-qemu" "$DIR/without-qemu")
if [ -z "$extra" ] && [ -z "$new" ] && [ -n "$gone" ]; then
    ok "removing -qemu removed only its files ($(printf '%s\n' "$gone" | wc -l))"
else
    fail "removing -qemu also changed: $extra $new"
fi
[ "$(modules)" = xen.so ] || fail "modules on disk: $(modules), want xen.so"

# 3. Strangers in the backend directory are reported and break nothing.
cp "$(ls /usr/lib/"$TRIPLET"/libz.so.1 /lib/"$TRIPLET"/libz.so.1 2>/dev/null | head -n1)" \
    "$BACKENDS/foreign.so" || fail "no foreign library to copy"
echo 'not an ELF file' >"$BACKENDS/garbage.so"
# A module built for another ABI than the core's (1 once the core is past it).
other=1; [ "$ABI" != 1 ] || other=99
# (a later designated initializer overrides the one VIRTPLUG_BACKEND_DEFINE
# puts first)
sed "s/^\( *\)\.name = \"hello\",/\1.name = \"hello\", .abi_version = $other,/" \
    "$SRC/docs/hello-backend.c" >"$DIR/oldabi.c"
grep -q "abi_version = $other" "$DIR/oldabi.c" || fail "cannot make the other-ABI module's source"
$APT install virtplug-backend-test libvirtplug-backend-dev >"$DIR/apt.log" 2>&1 ||
    die "install -test -dev: $(tail -5 "$DIR/apt.log")"
# shellcheck disable=SC2046
gcc -std=gnu11 -shared -fPIC -fvisibility=hidden -o "$BACKENDS/oldabi.so" \
    "$DIR/oldabi.c" $(pkg-config --cflags virtplug-backend) ||
    fail "cannot build the other-ABI module"
virtplug backends >"$DIR/backends.out" 2>&1
for m in foreign.so garbage.so oldabi.so; do
    grep -q "$BACKENDS/$m" "$DIR/backends.out" && ok "virtplug backends reports $m" ||
        fail "virtplug backends does not report $m: $(cat "$DIR/backends.out")"
done
grep -q "ABI version $other" "$DIR/backends.out" ||
    fail "the other-ABI module's ABI is not reported"
lists "$XEN" 3
lists test:///default 1
rm -f "$BACKENDS/foreign.so" "$BACKENDS/garbage.so" "$BACKENDS/oldabi.so"

# 4. A client against libvirtplug-dev and an out-of-tree backend against
# libvirtplug-backend-dev work here, and so do libvirt clients on the
# drop-in (virtplug-libvirt-compat), as the autopkgtest smoke tests check.
mkdir -p "$DIR/build"
(cd "$SRC" && AUTOPKGTEST_TMP=$DIR/build sh debian/tests/build-client-and-backend) ||
    fail "client/backend build test"
$APT install binutils virtplug-libvirt-compat >"$DIR/apt.log" 2>&1 ||
    die "install virtplug-libvirt-compat: $(tail -5 "$DIR/apt.log")"
(cd "$SRC" && AUTOPKGTEST_TMP=$DIR/build sh debian/tests/libvirt-dropin) ||
    fail "libvirt drop-in test"
$APT install virtplug-backend-qemu >"$DIR/apt.log" 2>&1 || die "reinstall -qemu"
(cd "$SRC" && sh debian/tests/list-example-hosts) >/dev/null ||
    fail "list-example-hosts smoke test"

# 5. Purging everything of ours leaves no file behind.
# --autoremove: the libraries apt pulled in for ours go too.
$APT purge --autoremove libvirtplug0 libvirtplug-dev libvirtplug-backend0 \
    libvirtplug-backend-dev virtplug-libvirt-compat virtplug virtplug-backend-xen \
    virtplug-backend-test virtplug-backend-qemu virtplug-backend-lxc >"$DIR/apt.log" 2>&1 || die "purge"
left=$(dpkg-query -W -f='${Package} ${Status}\n' 2>/dev/null |
    awk '$1 ~ /virtplug/ && $NF != "not-installed" { print $1 }')
[ -z "$left" ] || fail "packages of ours left after the purge: $left"
rm -f /etc/apt/sources.list.d/virtplug-local.list
snapshot >"$DIR/after"
if cmp -s "$DIR/before" "$DIR/after"; then
    ok "purge left the file list as before installing ($(wc -l <"$DIR/after") paths)"
else
    fail "purge left differences: $(diff "$DIR/before" "$DIR/after" | head -20)"
fi

# 6. debian/tests through autopkgtest's null runner, on the built .debs
# (-B: nothing is built from the tree).  After the purge check: autopkgtest
# and its python3 are not ours.
$APT install autopkgtest dpkg-dev >"$DIR/apt.log" 2>&1 ||
    die "install autopkgtest: $(tail -5 "$DIR/apt.log")"
mkdir -p "$DIR/autopkgtest-out"
# shellcheck disable=SC2046
autopkgtest -B $(ls "$DIR"/repo/*.deb) "$SRC" --output-dir "$DIR/autopkgtest-out" \
    -- null >"$DIR/autopkgtest.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    ok "autopkgtest -- null: $(grep -cE ' +PASS$' "$DIR/autopkgtest-out/summary") tests passed"
else
    tail -40 "$DIR/autopkgtest.log"
    fail "autopkgtest -- null exited $rc: $(cat "$DIR/autopkgtest-out/summary" 2>/dev/null)"
fi

[ "$failures" -eq 0 ] || { echo "in-root checks: $failures failed"; exit 1; }
echo "in-root checks: all passed"
