# test-lib.sh: what the shell tests share (sourced, not run).
#
#   vp_need_tool          skip (exit 77) unless $VIRTPLUG_TOOL is built
#   vp_tmpdir             sets $tmp to a fresh directory removed on exit
#   vp_option_sets FILE   the option sets a golden matrix runs
#   vp_golden_name OPTS   the expected file's name for one option set
#   vp_golden_matrix ...  `virtplug list` for every option set, compared
#                         byte for byte with the expected files
#
# A backend's golden matrix is a fixture tree, an options list and the
# expected/ directory its gen-expected.sh made with real virsh; the test is
#   vp_golden_matrix "xen:///system?root=$tree" "$here/options.list" "$here/expected"

# The tool under test; tests run from `make check` get it in VIRTPLUG_TOOL.
vp_need_tool() {
    if [ -z "${VIRTPLUG_TOOL:-}" ] || [ ! -x "$VIRTPLUG_TOOL" ]; then
        echo "SKIP: virtplug tool not built (${VIRTPLUG_TOOL:-unset})"
        exit 77
    fi
}

vp_tmpdir() {
    tmp=$(mktemp -d) || exit 1
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
}

# An options list has one `virsh list` option set per line ("-" is the empty
# set; lines starting with # are comments).  Each set is run alone and after
# --all, except the empty set and --all itself, whose --all form is --all.
# Prints one set per line, "-" for the empty one.
vp_option_sets() {   # vp_option_sets OPTIONS-FILE
    grep -v -e '^#' -e '^[[:space:]]*$' "$1" | while IFS= read -r opts; do
        printf '%s\n' "$opts"
        case "$opts" in -|--all) continue ;; esac
        printf -- '--all %s\n' "$opts"
    done
}

# The one naming scheme of expected files: the options without their dashes,
# joined by "_" ("-" is none): "--all --state-running" -> all_state-running.
vp_golden_name() {   # vp_golden_name OPTS
    printf '%s' "$1" | sed 's/^-$/none/; s/^--//; s/ --/_/g'
}

# Runs `$VIRTPLUG_TOOL -c URI list OPTS` for every option set of the list
# and compares stdout with EXPECTED-DIR/NAME.out; FILTER, when given, is a
# command the output goes through first (to drop rows a test adds on
# purpose).  A set passes when the tool exits 0 and the bytes are the same.
# Adds to GOLDEN_PASS and GOLDEN_FAIL; prints what differs.
GOLDEN_PASS=0
GOLDEN_FAIL=0
vp_golden_matrix() {   # vp_golden_matrix URI OPTIONS-FILE EXPECTED-DIR [FILTER]
    _g_out=$(mktemp) || exit 1
    _g_err=$(mktemp) || exit 1
    _g_sets=$(vp_option_sets "$2")
    while IFS= read -r _g_opts; do
        _g_want=$3/$(vp_golden_name "$_g_opts").out
        _g_o=$_g_opts; [ "$_g_o" = - ] && _g_o=
        # shellcheck disable=SC2086
        "$VIRTPLUG_TOOL" -c "$1" list $_g_o > "$_g_out" 2> "$_g_err"
        _g_rc=$?
        if [ -n "${4:-}" ]; then
            $4 < "$_g_out" > "$_g_out.f"; mv "$_g_out.f" "$_g_out"
        fi
        if [ $_g_rc -eq 0 ] && cmp -s "$_g_want" "$_g_out"; then
            GOLDEN_PASS=$((GOLDEN_PASS + 1))
        else
            GOLDEN_FAIL=$((GOLDEN_FAIL + 1))
            echo "FAIL: list $_g_o (rc=$_g_rc, $1${4:+, through $4})"
            diff -u "$_g_want" "$_g_out" | head -20
            head -5 "$_g_err"
        fi
    done <<EOF_SETS
$_g_sets
EOF_SETS
    rm -f "$_g_out" "$_g_err"
}
