#!/bin/sh
# list-matrix.sh: `virtplug -c 'qemu:///system?root=TREE' list OPTS` over the
# fixture tree that make-host.sh builds, for every option of options.list
# alone and with --all, compared byte for byte with expected/*.out (which
# gen-expected.sh made with real virsh against the test-driver twin of the
# tree).  Then the same with the malformed domains added: the good domains'
# listings must not change (each bad file costs only its own domain; the bad
# ones that stay listed are filtered out by name).
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tool=${VIRTPLUG_TOOL:-}
here=$srcdir/tests/qemu
if [ -z "$tool" ] || [ ! -x "$tool" ]; then
    echo "SKIP: virtplug tool not built ($tool)"
    exit 77
fi
export LC_ALL=C.UTF-8

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sh "$here/make-host.sh" "$here/templates" "$tmp/good" || exit 1
sh "$here/make-host.sh" "$here/templates" "$tmp/bad" --malformed || exit 1

fname() { printf '%s' "$1" | sed 's/^-$/none/; s/^--//; s/ --/_/g'; }

# Drops the rows of domains named bad-* that stay listed by design (a bad
# status file or autostart link still lists the domain from its config).
# Nothing else is recomputed: their names are kept shorter than the good
# names that set the column widths.
dropbad() { grep -v -e ' bad-' -e '^bad-' -e '^22222222-'; }

pass=0 fail=0
check() {   # check TREE OPTS EXPECTED-FILE FILTER
    # shellcheck disable=SC2086
    "$tool" -c "qemu:///system?root=$1" list $2 > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$4" = bad ]; then
        dropbad < "$tmp/out" > "$tmp/out2"; mv "$tmp/out2" "$tmp/out"
    fi
    if [ $rc -eq 0 ] && cmp -s "$3" "$tmp/out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL ($4): list $2 (rc=$rc)"
        diff -u "$3" "$tmp/out" | head -20
        head -5 "$tmp/err"
    fi
}

opts=$(grep -v '^#' "$here/options.list")
for tree in good bad; do
    for opt in $(printf '%s\n' "$opts" | tr ' ' '@'); do
        opt=$(printf '%s' "$opt" | tr '@' ' ')
        o=$opt; [ "$o" = - ] && o=
        check "$tmp/$tree" "$o" "$here/expected/$(fname "$opt").out" "$tree"
        case "$opt" in -|--all|--inactive) continue ;; esac
        check "$tmp/$tree" "--all $o" "$here/expected/$(fname "--all $opt").out" "$tree"
    done
done
echo "list-matrix: $pass passed, $fail failed"
[ $fail -eq 0 ]
