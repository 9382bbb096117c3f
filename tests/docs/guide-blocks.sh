#!/bin/sh
# guide-blocks.sh: the backend guide's code is the code that is built.
#  - the blocks marked ```c hello-backend.c are docs/hello-backend.c, and
#    the blocks marked ```c lxc-backend.c are backends/lxc/lxc-backend.c,
#    byte for byte (extract-blocks.sh puts them together);
#  - every other C block quotes <virtplug/virtplug-backend.h>: each of its
#    lines is a line of the header.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
guide=$srcdir/docs/backend-guide.md
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

for pair in hello-backend.c:docs/hello-backend.c lxc-backend.c:backends/lxc/lxc-backend.c; do
    name=${pair%%:*} file=$srcdir/${pair#*:}
    if ! sh "$srcdir/tests/docs/extract-blocks.sh" "$guide" "$name" > "$tmp/$name"; then
        fail=1
    elif cmp -s "$tmp/$name" "$file"; then
        echo "ok: the guide's $name blocks are ${pair#*:}"
    else
        echo "FAIL: the guide's $name blocks differ from ${pair#*:}"
        diff -u "$file" "$tmp/$name" | head -20
        fail=1
    fi
done

# unnamed C blocks, one file each
awk -v dir="$tmp" '
    /^```/ {
        if (fence) { fence = 0; ours = 0; next }
        fence = 1
        if ($0 == "```c") { n++; ours = 1 }
        next
    }
    ours { print > (dir "/quote." n) }
' "$guide"
quotes=0
for q in "$tmp"/quote.*; do
    [ -e "$q" ] || continue
    quotes=$((quotes + 1))
    while IFS= read -r line; do
        grep -qxF -- "$line" "$srcdir/include/virtplug/virtplug-backend.h" || {
            echo "FAIL: the guide quotes a line the header does not have: $line"; fail=1; }
    done < "$q"
done
echo "checked $quotes quotes of the header"
[ $quotes -gt 0 ] || { echo "FAIL: no quotes found (the check is broken)"; fail=1; }
exit $fail
