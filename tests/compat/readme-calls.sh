#!/bin/sh
# readme-calls.sh: the README's table of implemented libvirt calls and
# libvirtplug's symbol file name the same functions.
srcdir=${VIRTPLUG_SRCDIR:-.}
python=${PYTHON3:-python3}
command -v "$python" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
exec "$python" "$srcdir/tests/compat/readme-calls.py" "$srcdir/README.md" \
    "$srcdir/loader/libvirtplug.syms"
