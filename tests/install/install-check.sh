#!/usr/bin/env bash
# install-check.sh: an installed virtplug works with no environment.
#
#   tests/install/install-check.sh SRCDIR WORKDIR
#
# Configures SRCDIR with --prefix=WORKDIR/prefix (so the compiled-in backend
# directory is the installed one), builds, installs, then checks with
# VIRTPLUG_* unset: the tool lists test:///default; headers and both .pc
# files are installed; `pkg-config --variable=backenddir virtplug-backend`
# names the directory holding the modules (and no .la files) and `virtplug
# backends` shows them; the example client compiles against the installed
# pkg-config data and works; the backend guide is followed as written: its
# two backends are built from its code blocks with only pkg-config, hello
# lists, the libvirt-driver backend lists a libvirt-layout host tree through
# the SDK's state reader as virsh would, and an ABI-1 module next to them is
# refused with its reason; make uninstall removes every file.
# Exit 0 pass, 1 fail.  Run by check-all.sh and `make check-install`.
set -euo pipefail

SRC=${1:?usage: $0 SRCDIR WORKDIR}
WORK=${2:?usage: $0 SRCDIR WORKDIR}
SRC=$(cd "$SRC" && pwd)
rm -rf "$WORK"; mkdir -p "$WORK/build"
WORK=$(cd "$WORK" && pwd)
PREFIX=$WORK/prefix

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

(cd "$WORK/build" && "$SRC/configure" -q --prefix="$PREFIX" &&
    make -j"$(nproc)" >/dev/null && make install >/dev/null) ||
    fail "configure/make/make install"
ok "installed into $PREFIX"

# Nothing from a test harness may leak into the checks below.
for v in $(env | sed -n 's/^\(VIRTPLUG_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

tool=$PREFIX/bin/virtplug
[ -x "$tool" ] || fail "no $tool"
# (A group-writable directory above the prefix makes the loader refuse the
# installed modules, and the error below says which: loader/README.md.)
out=$("$tool" -c test:///default list 2>&1) ||
    fail "virtplug -c test:///default list failed: $out"
printf '%s\n' "$out" | grep -Eq '^ +1 +test +running *$' ||
    fail "unexpected list output: $out"
if command -v virsh >/dev/null 2>&1; then
    [ "$("$tool" -c test:///default list --all)" = "$(virsh -c test:///default list --all)" ] ||
        fail "list --all differs from virsh"
fi
ok "installed tool lists test:///default with no environment"

for h in virtplug/virtplug.h virtplug/virtplug-backend.h; do
    [ -f "$PREFIX/include/$h" ] || fail "header $h not installed"
done
ok "headers installed"

export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
for pc in virtplug virtplug-backend virtplug-libvirt; do
    [ -f "$PKG_CONFIG_PATH/$pc.pc" ] || fail "$pc.pc not installed"
    pkg-config --exists "$pc" || fail "pkg-config cannot use $pc.pc"
done
backenddir=$(pkg-config --variable=backenddir virtplug-backend)
[ "$backenddir" = "$PREFIX/lib/virtplug/backends" ] ||
    fail "backenddir is '$backenddir', want $PREFIX/lib/virtplug/backends"
for m in test lxc; do
    [ -f "$backenddir/$m.so" ] || fail "no $m.so in $backenddir"
done
if ls "$backenddir"/*.la >/dev/null 2>&1; then fail ".la files in $backenddir"; fi
ok "pkg-config backenddir = $backenddir ($(cd "$backenddir" && echo *.so))"
out=$("$tool" backends) || fail "virtplug backends failed"
printf '%s\n' "$out" | grep -qx "$backenddir/lxc.so" &&
    printf '%s\n' "$out" | grep -A3 -x '  name:    lxc' |
        grep -qx '  groups:  active, persistent, state, autostart' ||
    fail "virtplug backends does not show the installed lxc.so and its groups: $out"
ok "virtplug backends shows the installed lxc backend and its groups"

# A libvirt-style client builds against the installed files alone.
cc=${CC:-cc}
# shellcheck disable=SC2046
"$cc" -std=gnu11 -Wall -Wextra -Werror -o "$WORK/list-domains" \
    "$SRC/examples/clients/list-domains.c" \
    $(pkg-config --cflags --libs virtplug) -Wl,-rpath,"$PREFIX/lib" ||
    fail "example client does not compile against the installed tree"
[ "$("$WORK/list-domains" test:///default)" = test ] ||
    fail "example client output differs"
ok "example client compiled with pkg-config virtplug and listed test:///default"

# libvirt's own example builds unchanged against the compat headers, which
# win over an installed libvirt-dev, and runs on virtplug.
hello=/usr/share/doc/libvirt-doc/examples/c/misc/hellolibvirt.c
if [ -f "$hello" ]; then
    # shellcheck disable=SC2046
    "$cc" -o "$WORK/hellolibvirt" "$hello" \
        $(pkg-config --cflags --libs virtplug-libvirt) -Wl,-rpath,"$PREFIX/lib" ||
        fail "hellolibvirt.c does not compile with pkg-config virtplug-libvirt"
    out=$("$WORK/hellolibvirt" test:///default) || fail "hellolibvirt failed: $out"
    printf '%s\n' "$out" | grep -q '^There are 1 active and 0 inactive domains$' ||
        fail "unexpected hellolibvirt output: $out"
    case $(ldd "$WORK/hellolibvirt") in *libvirtplug.so.0*) ;; *) false ;; esac ||
        fail "hellolibvirt is not linked against libvirtplug"
    ok "libvirt's hellolibvirt.c built with pkg-config virtplug-libvirt and ran"
fi
[ "$(pkg-config --variable=libvirtcompatdir virtplug-libvirt)" = "$PREFIX/lib/virtplug/libvirt" ] ||
    fail "libvirtcompatdir is '$(pkg-config --variable=libvirtcompatdir virtplug-libvirt)'"

# The backend guide, followed as written: its two backends are its code
# blocks (tests/docs/extract-blocks.sh), built with pkg-config alone.
mkdir -p "$WORK/modules" "$WORK/guide"
guide=$SRC/docs/backend-guide.md
for name in hello lxc; do
    sh "$SRC/tests/docs/extract-blocks.sh" "$guide" "$name-backend.c" \
        > "$WORK/guide/$name-backend.c" || fail "no $name-backend.c in $guide"
    # shellcheck disable=SC2046
    "$cc" -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror -shared -fPIC \
        -fvisibility=hidden -o "$WORK/modules/$name.so" "$WORK/guide/$name-backend.c" \
        $(pkg-config --cflags --libs virtplug-backend) -Wl,-rpath,"$PREFIX/lib" ||
        fail "the guide's $name-backend.c does not compile against the installed tree"
done
# the loader refuses group-writable modules, which umask 002 would make
chmod 755 "$WORK/modules" "$WORK/modules/"*.so
out=$(VIRTPLUG_BACKEND_DIR=$WORK/modules "$tool" -c hello:/// list --all) ||
    fail "virtplug -c hello:/// list --all failed"
printf '%s\n' "$out" | grep -Eq '^ +1 +hello +running *$' ||
    fail "unexpected hello list output: $out"
ok "the guide's hello backend built with pkg-config virtplug-backend and listed"
# A libvirt LXC host tree (every state), listed through the guide's backend
# and the installed SDK's state reader, byte for byte as virsh lists its
# test-driver twin.
sh "$SRC/tests/backends/lxc/make-host.sh" "$SRC/tests/backends/lxc/templates" \
    "$WORK/lxc-host" || fail "cannot build the lxc host tree"
for opts in "--all" "--all --autostart" "--all --transient" "--state-paused"; do
    # shellcheck disable=SC2086
    VIRTPLUG_BACKEND_DIR=$WORK/modules "$tool" -c "lxc:///system?root=$WORK/lxc-host" \
        list $opts > "$WORK/lxc.out" 2> "$WORK/lxc.err" ||
        fail "the guide's lxc backend: list $opts failed: $(cat "$WORK/lxc.err")"
    exp=$SRC/tests/backends/lxc/expected/$(printf '%s' "$opts" | sed 's/^--//; s/ --/_/g').out
    cmp -s "$exp" "$WORK/lxc.out" ||
        fail "the guide's lxc backend: list $opts differs: $(diff "$exp" "$WORK/lxc.out")"
done
case $(ldd "$WORK/modules/lxc.so") in *"$PREFIX/lib/libvirtplug-backend.so.0"*) ;; *) false ;; esac ||
    fail "the guide's lxc backend does not use the installed SDK library"
ok "the guide's libvirt-driver backend lists a libvirt LXC host tree through the installed SDK"

# The textfile mode's units always; the exporter and its unit when built.
units=$PREFIX/lib/systemd/system
grep -qx "ExecStart=$PREFIX/bin/virtplug metrics --textfile \${TEXTFILE} \$ARGS" \
    "$units/virtplug-metrics.service" || fail "virtplug-metrics.service: ExecStart"
[ -f "$units/virtplug-metrics.timer" ] || fail "no virtplug-metrics.timer"
if [ -x "$PREFIX/bin/virtplug-exporter" ]; then
    grep -qx "ExecStart=$PREFIX/bin/virtplug-exporter \$ARGS" \
        "$units/virtplug-exporter.service" || fail "virtplug-exporter.service: ExecStart"
    ok "systemd units installed, exporter included"
else
    ok "systemd units installed (exporter not built)"
fi

# The installed (built-in) directory is checked up to /: a directory above
# it that others may write makes the loader refuse every module, and say so.
libdir=$(cd "$PREFIX/lib" && pwd -P)
chmod g+w "$libdir"
if out=$("$tool" -c test:///default list 2>&1); then
    chmod g-w "$libdir"
    fail "modules loaded below a group-writable $libdir"
fi
chmod g-w "$libdir"
printf '%s\n' "$out" | grep -qF "refused: directory $libdir is writable by group" ||
    fail "no refusal naming $libdir: $out"
"$tool" -c test:///default list >/dev/null || fail "not loaded again after chmod g-w"
ok "a group-writable $libdir above the backend directory is refused, with the reason"

# A module of the first backend ABI next to it is refused, and `virtplug
# backends` gives the reason with both versions; hello still lists.
"$cc" -std=gnu11 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden \
    -o "$WORK/modules/old.so" "$SRC/tests/loader/abi1-backend.c" \
    -DVIRTPLUG_NO_CONFIG_H $(pkg-config --cflags --libs virtplug-backend) ||
    fail "tests/loader/abi1-backend.c does not compile"
chmod 755 "$WORK/modules/old.so"
out=$(VIRTPLUG_BACKEND_DIR=$WORK/modules "$tool" backends) ||
    fail "virtplug backends failed"
printf '%s\n' "$out" | grep -q 'built for backend ABI version 1, but this virtplug loads ABI version 2 only' ||
    fail "the ABI-1 module is not refused with its reason: $out"
out=$(VIRTPLUG_BACKEND_DIR=$WORK/modules "$tool" -c hello:/// list --all) ||
    fail "hello does not list next to an ABI-1 module"
ok "an ABI-1 module next to it is refused with its reason"

(cd "$WORK/build" && make uninstall >/dev/null) || fail "make uninstall"
left=$(find "$PREFIX" -type f)
[ -z "$left" ] || fail "files left after uninstall: $left"
ok "make uninstall removes everything"
echo "install check: PASS"
