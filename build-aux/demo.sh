#!/usr/bin/env bash
# demo.sh: install what is missing, build in _build/demo, and list the
# domains of test:///default and of the example hosts under examples/.
#
# Uses the build tree's modules (VIRTPLUG_BACKEND_DIR=_build/demo/backends/.libs);
# nothing is installed.  JOBS sets make's parallelism.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$SRC/_build/demo
JOBS=${JOBS:-$(nproc)}

step() { printf '\n==> %s\n' "$*"; }

step "dependencies"
"$SRC/build-aux/deps.sh" build

step "build in ${BUILD#"$SRC/"}"
if [ ! -x "$SRC/configure" ]; then
    (cd "$SRC" && autoreconf -fi)
fi
mkdir -p "$BUILD"
cd "$BUILD"
if [ ! -f Makefile ]; then
    "$SRC/configure" -q
fi
make -s -j"$JOBS" >/dev/null

export VIRTPLUG_BACKEND_DIR=$BUILD/backends/.libs
unset VIRTPLUG_DEFAULT_URI
tool=$BUILD/tools/virtplug

# Shows one listing; an example that is not in this checkout is skipped.
show() { # URI [file-that-must-exist]
    if [ -n "${2:-}" ] && [ ! -e "$2" ]; then
        step "virtplug -c '$1' list --all"
        echo "(skipped: ${2#"$SRC/"} is not in this checkout)"
        return
    fi
    step "virtplug -c '$1' list --all"
    "$tool" -c "$1" list --all
}

step "virtplug backends"
"$tool" backends
show "test:///default"
show "test://$SRC/examples/nodes/every-state.xml" "$SRC/examples/nodes/every-state.xml"
show "qemu:///system?root=$SRC/examples/hosts/qemu" "$SRC/examples/hosts/qemu"
show "xen:///system?root=$SRC/examples/hosts/xen" "$SRC/examples/hosts/xen"
show "lxc:///system?root=$SRC/examples/hosts/lxc" "$SRC/examples/hosts/lxc"

step "done: the tool is $tool (VIRTPLUG_BACKEND_DIR=$VIRTPLUG_BACKEND_DIR)"
