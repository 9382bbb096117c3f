#!/bin/sh
# no-include-cycles.sh: within each source directory, no two files depend on
# each other, directly or around a longer circle.  A file's unit is X.c with
# its X.h; unit X depends on unit Y when X.c or X.h includes "Y.h" of the
# same directory.  tsort(1) finds the circles.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$srcdir" || exit 1

dirs="loader plugin-api/util tools exporter compat $(ls -d backends/*/ 2>/dev/null)"
fail=0 checked=0
for dir in $dirs; do
    dir=${dir%/}
    [ -d "$dir" ] || continue
    edges=$(for f in "$dir"/*.c "$dir"/*.h; do
        [ -e "$f" ] || continue
        from=$(basename "$f"); from=${from%.?}
        echo "$from $from"
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"/]*\)\.h".*/\1/p' "$f" |
        while read -r to; do
            [ -e "$dir/$to.h" ] && [ "$to" != "$from" ] && echo "$from $to"
        done
    done)
    checked=$((checked + 1))
    if ! printf '%s\n' "$edges" | tsort > /dev/null 2> "${TMPDIR:-/tmp}/cycles.$$"; then
        echo "FAIL: a circle between files of $dir/:"
        sed 's/^/  /' "${TMPDIR:-/tmp}/cycles.$$"
        fail=1
    fi
done
rm -f "${TMPDIR:-/tmp}/cycles.$$"
[ $fail -eq 0 ] && echo "no circle in $checked directories"
exit $fail
