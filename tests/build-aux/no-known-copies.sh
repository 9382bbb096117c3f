#!/bin/sh
# no-known-copies.sh: things that once existed in several copies and now
# have one home stay that way.
#   - The filter-group table (bit, flags, name, "cannot tell" text) lives in
#     include/virtplug/virtplug-backend.h (VIRTPLUG_FILTER_GROUPS); no other
#     source file spells a group's flag pair or its "cannot tell" text.
#   - A backend's entry point, host-compatibility check and descriptor come
#     from VIRTPLUG_BACKEND_DEFINE; no backend or example writes its own
#     entry.  (tests/loader builds broken modules by hand on purpose.)
#   - Hashing (FNV-1a) and hash indexes live in plugin-api/util/vp-index.c;
#     UUID text, hex digits and numbers in text in plugin-api/util/vp-parse.c
#     (libvirt's grammar); path joining in plugin-api/util/vp-path.c.  The
#     core, the tool and the exporter compile those files in; backends call
#     them through the SDK library.
# The sources are read as text; tests are not checked.
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$srcdir" || exit 1
home=include/virtplug/virtplug-backend.h
fail=0

sources=$(find backends loader plugin-api tools exporter compat docs examples \
          include -name '*.[ch]' 2>/dev/null | sort)
[ -n "$sources" ] || { echo "FAIL: no sources found under $srcdir"; exit 1; }

# Each group's flags, joined by | (over line breaks), outside their home.
for pair in ACTIVE:INACTIVE PERSISTENT:TRANSIENT RUNNING:PAUSED \
            MANAGEDSAVE:NO_MANAGEDSAVE AUTOSTART:NO_AUTOSTART \
            HAS_SNAPSHOT:NO_SNAPSHOT HAS_CHECKPOINT:NO_CHECKPOINT; do
    a=VIR_CONNECT_LIST_DOMAINS_${pair%%:*}
    b=VIR_CONNECT_LIST_DOMAINS_${pair#*:}
    for f in $sources; do
        [ "$f" = "$home" ] && continue
        if tr '\n\\' '  ' < "$f" | grep -Eq "$a[[:space:]]*\|[[:space:]]*$b\b"; then
            echo "FAIL: $f spells the flag group $a | $b (use VIRTPLUG_GROUP_FLAGS_* or VIRTPLUG_FILTER_GROUPS)"
            fail=1
        fi
    done
done

# The "cannot tell" texts.
for f in $(grep -l -e '"whether domains ' -e '"the state of domains"' $sources); do
    [ "$f" = "$home" ] && continue
    echo "FAIL: $f has its own copy of a filter group's \"cannot tell\" text"
    fail=1
done

# Hand-written entry points.
for f in $(grep -l -E 'VIRTPLUG_BACKEND_ENTRY[[:space:]]*\(|virtplug_backend_entry' \
           $(printf '%s\n' $sources | grep -e '^backends/' -e '^docs/' -e '^examples/')); do
    echo "FAIL: $f writes its own backend entry (use VIRTPLUG_BACKEND_DEFINE)"
    fail=1
done

# One home each: a pattern that gives a copy away, and the home.
only_in() { # pattern home what
    for f in $(grep -l -E -e "$1" $sources); do
        [ "$f" = "$2" ] && continue
        echo "FAIL: $f has its own $3 (use $2)"
        fail=1
    done
}
only_in '0x100000001b3|1099511628211' plugin-api/util/vp-index.c \
    "FNV-1a hash"
only_in "'[aA]' \+ 10" plugin-api/util/vp-parse.c "hex digit parser"
only_in '\bstrto(l|ll|ul|ull|imax|umax)\(' plugin-api/util/vp-parse.c \
    "number parser"
only_in '"%(\.\*)?s/%s(%s)?"' plugin-api/util/vp-path.c "path join"

[ $fail -eq 0 ] && echo "no known copy found in $(printf '%s\n' $sources | wc -l) files"
exit $fail
