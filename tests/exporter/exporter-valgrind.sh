#!/bin/sh
# exporter-valgrind.sh: runs exporter-valgrind.py (see there).
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
exec python3 "${VIRTPLUG_SRCDIR:-.}/tests/exporter/exporter-valgrind.py"
