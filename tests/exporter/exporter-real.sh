#!/bin/sh
# exporter-real.sh: runs exporter-real.py (see there) under the lock every
# test that reads or changes the machine's libvirtd state takes.
# The valgrind step's tool wrapper cannot stand in for a server; the gcc
# and ASan steps run this.
[ -n "${VIRTPLUG_UNDER_VALGRIND:-}" ] && { echo "SKIP: not under valgrind"; exit 77; }
# CI runs it once, in the asan step, where ASan and UBSan watch the
# exporter through the flood, the odd names and the busy monitors;
# exporter-valgrind.sh covers the gcc build.
[ "${VIRTPLUG_CI_STEP:-}" = gcc ] && { echo "SKIP: runs in CI's asan step"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
here=${VIRTPLUG_SRCDIR:-.}/tests/exporter
exec flock /tmp/virtplug-libvirtd.lock python3 "$here/exporter-real.py"
