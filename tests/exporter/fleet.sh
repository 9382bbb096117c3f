#!/bin/sh
# fleet.sh: runs fleet.py (see there).
[ -n "${VIRTPLUG_UNDER_VALGRIND:-}" ] && { echo "SKIP: not under valgrind"; exit 77; }
# Scale and timing, not memory errors: CI runs it in the gcc step only
# (sanitizers would slow 50 exporters for no new finding; exporter-real
# runs the exporter under them).
[ "${VIRTPLUG_CI_STEP:-}" = asan ] && { echo "SKIP: runs in CI's gcc step"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
command -v prometheus >/dev/null 2>&1 || { echo "SKIP: no prometheus"; exit 77; }
[ -n "${VIRTPLUG_BACKEND_DIR:-}" ] && [ ! -e "$VIRTPLUG_BACKEND_DIR/qemu.so" ] &&
    { echo "SKIP: qemu backend not built"; exit 77; }
exec python3 "${VIRTPLUG_SRCDIR:-.}/tests/exporter/fleet.py"
