#!/bin/sh
# check-backend-includes.sh: the in-tree backends are built as an
# out-of-tree author would build them: besides system headers and their own
# files, they include only the installed headers <virtplug/NAME.h> that
# the build installs (nothing from loader/, plugin-api/ or another backend).

srcdir=${VIRTPLUG_SRCDIR:-.}
fail=0
checked=0

for f in "$srcdir"/backends/*/*.[ch]; do
    dir=$(dirname "$f")
    checked=$((checked + 1))
    # "local.h": must be a file of the backend's own directory.
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        case $inc in
        */*) echo "FAIL: $f includes \"$inc\" (a path outside the backend)"
             fail=1 ;;
        *) [ -f "$dir/$inc" ] || {
               echo "FAIL: $f includes \"$inc\", not a file of $dir"; fail=1; } ;;
        esac
    done
    # <virtplug/NAME.h>: must be an installed header.
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\(virtplug\/[^>]*\)>.*/\1/p' "$f"); do
        grep -q "include/$inc" "$srcdir/Makefile.am" \
            "$srcdir/plugin-api/Makefile.inc" || {
            echo "FAIL: $f includes <$inc>, which is not installed"; fail=1; }
    done
done
[ "$checked" -gt 0 ] || { echo "FAIL: no backend sources found"; exit 1; }
echo "checked the includes of $checked backend files"
exit $fail
