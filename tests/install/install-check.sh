#!/usr/bin/env bash
# install-check.sh: an installed virtplug works with no environment.
#
#   tests/install/install-check.sh SRCDIR WORKDIR
#
# Configures SRCDIR with --prefix=WORKDIR/prefix (so the compiled-in backend
# directory is the installed one), builds, installs, then checks with
# VIRTPLUG_* unset: the tool lists test:///default; headers and both .pc
# files are installed; `pkg-config --variable=backenddir virtplug-backend`
# names the directory holding the modules (and no .la files); the example
# client and the backend guide's example backend compile against the
# installed pkg-config data and work; make uninstall removes every file.
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
out=$("$tool" -c test:///default list) || fail "virtplug -c test:///default list failed"
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
for pc in virtplug virtplug-backend; do
    [ -f "$PKG_CONFIG_PATH/$pc.pc" ] || fail "$pc.pc not installed"
    pkg-config --exists "$pc" || fail "pkg-config cannot use $pc.pc"
done
backenddir=$(pkg-config --variable=backenddir virtplug-backend)
[ "$backenddir" = "$PREFIX/lib/virtplug/backends" ] ||
    fail "backenddir is '$backenddir', want $PREFIX/lib/virtplug/backends"
[ -f "$backenddir/test.so" ] || fail "no test.so in $backenddir"
if ls "$backenddir"/*.la >/dev/null 2>&1; then fail ".la files in $backenddir"; fi
ok "pkg-config backenddir = $backenddir ($(cd "$backenddir" && echo *.so))"

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

# The backend guide's example builds against virtplug-backend.pc alone and
# is picked up by the installed tool.
mkdir -p "$WORK/modules"
# shellcheck disable=SC2046
"$cc" -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror -shared -fPIC \
    -fvisibility=hidden -o "$WORK/modules/hello.so" "$SRC/docs/hello-backend.c" \
    $(pkg-config --cflags virtplug-backend) ||
    fail "docs/hello-backend.c does not compile against the installed tree"
out=$(VIRTPLUG_BACKEND_DIR=$WORK/modules "$tool" -c hello:/// list --all) ||
    fail "virtplug -c hello:/// list --all failed"
printf '%s\n' "$out" | grep -Eq '^ +1 +hello +running *$' ||
    fail "unexpected hello list output: $out"
ok "docs/hello-backend.c built with pkg-config virtplug-backend and listed"

(cd "$WORK/build" && make uninstall >/dev/null) || fail "make uninstall"
left=$(find "$PREFIX" -type f)
[ -z "$left" ] || fail "files left after uninstall: $left"
ok "make uninstall removes everything"
echo "install check: PASS"
