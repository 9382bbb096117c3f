#!/usr/bin/env bash
# check-clean-root.sh: the README's two commands, as written there, in a
# clean Debian 12 root (build-aux/clean-root.sh): a fresh
# `mmdebstrap --variant=apt bookworm` root from this machine's Debian
# mirror, this checkout copied to /usr/src/virtplug as a fresh clone, then
#
#   ./build-aux/demo.sh
#   ./build-aux/check-all.sh
#
# so that a package that the project's scripts do not install fails here
# even when this machine has it.  The last line is check-all's
# "N passed, N failed, N skipped" from inside the root, plus one failed
# test when the root cannot be made or demo.sh fails.  Exit status 1 if
# anything failed.
#
# Environment:
#   VIRTPLUG_CLEAN_ROOT      the root's directory (default
#                            /var/tmp/virtplug-clean-root); made afresh
#   VIRTPLUG_CLEAN_ROOT_LOGS where the logs go (default _build/clean-root)
#   VIRTPLUG_DEB_CACHE       where the .debs the root installed are kept
#                            for the next run (default
#                            /var/cache/virtplug-clean-root/debs); with this
#                            machine's /var/cache/apt/archives they are
#                            offered to the root's apt (hard links), which
#                            still resolves everything from the mirror's
#                            current package lists; "none": no cache
#   JOBS, VIRTPLUG_VALGRIND_SAMPLE  passed into the root (see check-all.sh)
#   VIRTPLUG_ROOT_CI_STEPS   check-all's steps in the root (default: all
#                            but packaging, valgrind and asan)
set -uo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=${VIRTPLUG_CLEAN_ROOT:-/var/tmp/virtplug-clean-root}
LOGS=${VIRTPLUG_CLEAN_ROOT_LOGS:-$SRC/_build/clean-root}
CACHE=${VIRTPLUG_DEB_CACHE:-/var/cache/virtplug-clean-root/debs}
CLEAN_ROOT=$SRC/build-aux/clean-root.sh
START=$SECONDS

note() { printf '\n==> clean root: %s  [%ds]\n' "$*" $((SECONDS - START)); }
result() { # passed failed skipped
    echo "total time: $((SECONDS - START)) s"
    echo "$1 passed, $2 failed, $3 skipped"
    [ "$2" = 0 ]
    exit
}

mkdir -p "$LOGS"
rm -f "$LOGS"/*.out "$LOGS"/*.txt

note "create $ROOT"
"$CLEAN_ROOT" remove "$ROOT" || result 0 1 0
caches=()
if [ "$CACHE" != none ]; then
    mkdir -p "$CACHE"
    caches=(--deb-cache "$CACHE" --deb-cache /var/cache/apt/archives)
fi
if ! "$CLEAN_ROOT" create "${caches[@]}" "$ROOT" >"$LOGS/create.out" 2>&1; then
    tail -n 40 "$LOGS/create.out"
    result 0 1 0
fi
tail -n 1 "$LOGS/create.out"
dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Package}\n' | sort >"$LOGS/base-packages.txt"
echo "$(wc -l <"$LOGS/base-packages.txt") packages in the new root"

# Both commands run in one session of the root, as one user would type
# them; check-all's own output (its step summary and last line) is kept.
# Three of check-all's steps are left out in the root, to keep .ci/run
# within its time; the machine run does all three:
# - packaging makes a clean root of its own (mmdebstrap) and installs the
#   built packages there, so it already proves on a bare system what it needs;
# - valgrind reruns the gcc build's suite under valgrind (valgrind is on
#   deps.sh's build list);
# - asan rebuilds and reruns the suite with clang's sanitizers; the fuzz step,
#   which runs here, links the same clang runtimes (libclang-rt-14-dev).
# gcc (with distcheck), install and fuzz run as the README's command runs them.
note "./build-aux/demo.sh && ./build-aux/check-all.sh (logs: $LOGS)"
rc=0
"$CLEAN_ROOT" run "$ROOT" --copy "$SRC" /usr/src/virtplug "${caches[@]}" \
    --env "JOBS=${JOBS:-$(nproc)}" \
    --env "VIRTPLUG_VALGRIND_SAMPLE=${VIRTPLUG_VALGRIND_SAMPLE:-16}" \
    --env "VIRTPLUG_CI_STEPS=${VIRTPLUG_ROOT_CI_STEPS:-gcc install fuzz}" -- \
    sh -c 'echo "## demo.sh"; ./build-aux/demo.sh; rc=$?; echo "## demo.sh exit $rc";
           echo "## check-all.sh"; ./build-aux/check-all.sh; echo "## check-all.sh exit $?"
           exit $rc' >"$LOGS/run.out" 2>&1 || rc=$?

# What the project's scripts installed on top of the bare root.
dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Package}\n' | sort |
    comm -13 "$LOGS/base-packages.txt" - >"$LOGS/installed-packages.txt"
echo "the project's scripts installed $(wc -l <"$LOGS/installed-packages.txt") packages" \
     "(list: $LOGS/installed-packages.txt)"
if [ "$CACHE" != none ]; then
    find "$ROOT/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec \
        cp -l -n -t "$CACHE/" {} + 2>/dev/null || true
fi
# The root's logs, for a look after it is gone.
if [ -d "$ROOT/usr/src/virtplug/_build/ci/logs" ]; then
    rm -rf "$LOGS/ci-logs"
    cp -a "$ROOT/usr/src/virtplug/_build/ci/logs" "$LOGS/ci-logs"
fi

# check-all's summary block, then its last line folded with demo's result.
sed -n '/^==> summary/,$p' "$LOGS/run.out"
passed=0 failed=0 skipped=0
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$LOGS/run.out" | tail -n 1)
if [ -n "$line" ]; then
    read -r passed _ failed _ skipped _ <<<"$line"
else
    echo "clean root: check-all.sh gave no result line (see $LOGS/run.out)"
    tail -n 60 "$LOGS/run.out"
    failed=1
fi
if grep -qx '## demo.sh exit 0' "$LOGS/run.out"; then
    passed=$((passed + 1)); echo "  demo.sh: PASS"
else
    failed=$((failed + 1)); echo "  demo.sh: FAIL"
    sed -n '/^## demo.sh$/,/^## demo.sh exit/p' "$LOGS/run.out" | tail -n 40
fi
[ "$rc" = 0 ] || [ "$failed" != 0 ] || { echo "clean root: run exit $rc"; failed=1; }

"$CLEAN_ROOT" remove "$ROOT" || failed=$((failed + 1))
result "$passed" "$failed" "$skipped"
