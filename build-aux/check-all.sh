#!/usr/bin/env bash
# check-all.sh: everything CI checks, from a fresh clone, as root on Debian 12.
#
#   1. gcc, --enable-werror: make check (unit + interop tests), make distcheck
#      (whose tarball build runs the unit tests)
#   2. clang, --enable-werror, ASan+UBSan: make check
#   3. the gcc build again under valgrind: C test programs through
#      LOG_WRAPPER, the tool inside shell tests through valgrind-tool.sh
#      (a sample of its runs: VIRTPLUG_VALGRIND_SAMPLE, default 4); the
#      suites against real peers are left to steps 1 and 2
#   4. install check: a --prefix install used with no environment
#   5. fuzz: clang --enable-fuzz, every libFuzzer harness in tests/fuzz/
#      for VIRTPLUG_CI_FUZZ_SECONDS (default 6) each; a finding (crash,
#      leak, timeout, out of memory) counts as a failed test
#   6. packaging: .debs built in a clean Debian 12 root that holds only
#      debian/control's build dependencies (nocheck: steps 1-3 ran the
#      suite), linted, deployed selectively in another clean root and put
#      through autopkgtest there (the .debs, lintian's output and their
#      `dpkg -c` are kept in LOGS/packages); RPM subpackage contents
#
# Each run's test-suite.log totals are printed, then as the last line
# "N passed, N failed, N skipped" summed over all runs (PASS and XFAIL
# count as passed; FAIL, ERROR and XPASS as failed; distcheck and the
# install check count as one test each).  Exit status 1 if anything failed.
#
# Environment: JOBS (default: number of CPUs), VIRTPLUG_CI_DIR (default
# _build/ci), VIRTPLUG_CI_STEPS (default "gcc asan valgrind install fuzz packaging";
# "distcheck" runs inside "gcc" unless VIRTPLUG_CI_NO_DISTCHECK=1),
# VIRTPLUG_CI_SKIP_PREP=1 (no package install, no autoreconf).
set -uo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${JOBS:-$(nproc)}
CI=${VIRTPLUG_CI_DIR:-$SRC/_build/ci}
# The libvirt.so.0 drop-in and its tests, where libvirt-dev is installed.
# (set after deps.sh has run, which installs libvirt-dev)
LIBVIRT_COMPAT=
STEPS=${VIRTPLUG_CI_STEPS:-gcc asan valgrind install fuzz packaging}
LOGS=$CI/logs

PASSED=0 FAILED=0 SKIPPED=0
SUMMARY=()
START=$SECONDS

note() { printf '\n==> %s  [%ds]\n' "$*" $((SECONDS - START)); }

# Adds one pass/fail result that is not part of a test-suite.log.
count_one() { # name status
    if [ "$2" = 0 ]; then
        PASSED=$((PASSED + 1)); SUMMARY+=("$1: PASS")
    else
        FAILED=$((FAILED + 1)); SUMMARY+=("$1: FAIL")
    fi
}

# Reads "# PASS: N" etc. from a test-suite.log.
suite_total() { # log key
    sed -n "s/^# $2: *\([0-9][0-9]*\)\$/\1/p" "$1" | head -n 1
}

# Adds a test-suite.log's totals; a run that made no log (build error) or
# failed without a failing test counts as one failure.
count_suite() { # name log make-status
    local name=$1 log=$2 rc=$3 pass fail skip
    if [ ! -f "$log" ]; then
        count_one "$name (no test-suite.log: build failed, see $LOGS/$name.out)" 1
        return
    fi
    pass=$(( $(suite_total "$log" PASS) + $(suite_total "$log" XFAIL) ))
    fail=$(( $(suite_total "$log" FAIL) + $(suite_total "$log" ERROR) + \
             $(suite_total "$log" XPASS) ))
    skip=$(suite_total "$log" SKIP)
    PASSED=$((PASSED + pass)); FAILED=$((FAILED + fail))
    SKIPPED=$((SKIPPED + skip))
    SUMMARY+=("$name: $pass passed, $fail failed, $skip skipped ($(suite_total "$log" TOTAL) tests)")
    if [ "$fail" != 0 ]; then
        echo "---- $name: failing tests (from $log) ----"
        sed -n '/^\(FAIL\|ERROR\|XPASS\): /p' "$log"
        tail -n 150 "$log"
    elif [ "$rc" != 0 ]; then
        count_one "$name (make check exit status $rc, see $LOGS/$name.out)" 1
    fi
}

# Fails (as one test) when a directory of sanitizer/valgrind reports holds
# a non-empty file, and shows the first reports.
count_reports() { # name dir
    local name=$1 dir=$2 bad
    find "$dir" -type f -empty -delete 2>/dev/null
    bad=$(find "$dir" -type f 2>/dev/null | head -n 5)
    if [ -n "$bad" ]; then
        echo "---- $name: reports in $dir ----"
        for f in $bad; do echo "== $f"; head -n 60 "$f"; done
        count_one "$name" 1
    else
        count_one "$name" 0
    fi
}

configure_in() { # dir configure-args...
    local dir=$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    (cd "$dir" && "$SRC/configure" -q "$@")
}

# Runs `make check` in a build dir and counts its results.
run_check() { # name dir make-args...
    local name=$1 dir=$2 rc; shift 2
    rm -f "$dir/test-suite.log"
    # VIRTPLUG_CI_STEP lets a long test that gains nothing from a second
    # build run in one step only (tests/exporter: fleet in gcc,
    # exporter-real in asan).
    (cd "$dir" && VIRTPLUG_CI_STEP=$name make -j"$JOBS" check "$@") >"$LOGS/$name.out" 2>&1
    rc=$?
    [ -f "$dir/test-suite.log" ] && cp "$dir/test-suite.log" "$LOGS/$name-test-suite.log"
    count_suite "$name" "$dir/test-suite.log" "$rc"
}

step_gcc() {
    local dir=$CI/gcc rc
    note "gcc build (--enable-werror)"
    if ! configure_in "$dir" --enable-werror $LIBVIRT_COMPAT CC=gcc >"$LOGS/gcc-configure.out" 2>&1 ||
       ! (cd "$dir" && make -j"$JOBS") >"$LOGS/gcc-build.out" 2>&1; then
        tail -n 60 "$LOGS/gcc-configure.out" "$LOGS/gcc-build.out" 2>/dev/null
        count_one "gcc build" 1
        return
    fi
    note "gcc: make check"
    run_check gcc "$dir"
    if [ "${VIRTPLUG_CI_NO_DISTCHECK:-0}" != 1 ]; then
        note "gcc: make distcheck"
        # The tarball's own build runs the unit tests (the compiled test
        # programs): what distcheck proves is that the tarball is complete
        # and builds out of tree; the interop suites just ran on this
        # source and repeating them would cost CI ten minutes.
        (cd "$dir" && make -j"$JOBS" distcheck \
            TESTS="$(make -s -C "$dir" print-unit-tests)") >"$LOGS/distcheck.out" 2>&1
        rc=$?
        [ "$rc" = 0 ] || tail -n 80 "$LOGS/distcheck.out"
        count_one "make distcheck" "$rc"
    fi
}

step_asan() {
    local dir=$CI/asan san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
    note "clang ASan+UBSan build (--enable-werror)"
    if ! configure_in "$dir" --enable-werror $LIBVIRT_COMPAT CC=clang CFLAGS="-O1 -g $san" \
            LDFLAGS="$san" >"$LOGS/asan-configure.out" 2>&1 ||
       ! (cd "$dir" && make -j"$JOBS") >"$LOGS/asan-build.out" 2>&1; then
        tail -n 60 "$LOGS/asan-configure.out" "$LOGS/asan-build.out" 2>/dev/null
        count_one "asan build" 1
        return
    fi
    note "asan: make check"
    rm -rf "$LOGS/asan-reports"; mkdir -p "$LOGS/asan-reports"
    # Reports go to files as well as failing the process, so that an error
    # inside a tool run whose exit status a test does not check is not lost.
    ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$LOGS/asan-reports/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$LOGS/asan-reports/ubsan" \
        run_check asan "$dir"
    count_reports "asan: no sanitizer reports" "$LOGS/asan-reports"
}

step_valgrind() {
    local dir=$CI/gcc
    note "valgrind: make check (gcc build)"
    # Without the gcc step (as .ci/run runs it), build what it would have;
    # a tree left by an earlier run is brought up to date first, or this
    # step would test old programs (and its makefiles would regenerate
    # while print-tests runs, mixing their messages into the test list).
    if { [ ! -f "$dir/Makefile" ] &&
         ! configure_in "$dir" --enable-werror $LIBVIRT_COMPAT CC=gcc >"$LOGS/gcc-configure.out" 2>&1; } ||
       ! (cd "$dir" && make -j"$JOBS") >"$LOGS/gcc-build.out" 2>&1; then
        tail -n 60 "$LOGS/gcc-configure.out" "$LOGS/gcc-build.out" 2>/dev/null
        count_one "valgrind (gcc build)" 1
        return
    fi
    rm -rf "$LOGS/valgrind-tool"; mkdir -p "$LOGS/valgrind-tool"
    # Every C test program runs under valgrind; of the tool's many runs
    # inside shell tests, one in VIRTPLUG_VALGRIND_SAMPLE does (see
    # valgrind-tool.sh), which keeps this step within CI's time budget.
    export VIRTPLUG_VALGRIND_SAMPLE=${VIRTPLUG_VALGRIND_SAMPLE:-4}
    # The suites against real peers (libvirtd, virsh, QEMU, Prometheus)
    # run in the gcc and asan steps; under valgrind they would spend CI's
    # time waiting on the peers, not on our code.
    local t tests=
    for t in $(make -s -C "$dir" print-tests); do
        case $t in
            */interop/*|*/virsh-compare.sh|*/exporter/*|*/compat/real-clients.sh) ;;
            *) tests="$tests $t" ;;
        esac
    done
    run_check valgrind "$dir" TESTS="$tests" \
        LOG_WRAPPER="$dir/libtool --mode=execute valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no" \
        TESTS_ENVIRONMENT="VIRTPLUG_REAL_TOOL='$dir/tools/virtplug'; export VIRTPLUG_REAL_TOOL; VIRTPLUG_TOOL='$SRC/build-aux/valgrind-tool.sh'; export VIRTPLUG_TOOL; VIRTPLUG_VALGRIND_LOGDIR='$LOGS/valgrind-tool'; export VIRTPLUG_VALGRIND_LOGDIR; VIRTPLUG_UNDER_VALGRIND=1; export VIRTPLUG_UNDER_VALGRIND;"
    count_reports "valgrind: tool runs clean" "$LOGS/valgrind-tool"
}

step_install() {
    local rc
    note "install check (--prefix install, no environment)"
    "$SRC/tests/install/install-check.sh" "$SRC" "$CI/install" >"$LOGS/install.out" 2>&1
    rc=$?
    [ "$rc" = 0 ] || tail -n 60 "$LOGS/install.out"
    count_one "install check" "$rc"
}

step_packaging() {
    local rc tarball
    note "packaging (debs in a clean root, RPM contents)"
    # The .debs, lintian's output and `dpkg -c` of each stay in the logs.
    rm -rf "$LOGS/packages"
    VIRTPLUG_TEST_PACKAGING=1 VIRTPLUG_SRCDIR="$SRC" VIRTPLUG_PKG_KEEP="$LOGS/packages" \
        "$SRC/tests/packaging/deb-deploy.sh" >"$LOGS/deb-deploy.out" 2>&1
    rc=$?
    [ "$rc" = 0 ] || tail -n 60 "$LOGS/deb-deploy.out"
    if [ "$rc" = 77 ]; then
        SKIPPED=$((SKIPPED + 1)); SUMMARY+=("packaging (debs): SKIP")
    else
        count_one "packaging (debs)" "$rc"
    fi
    tarball=$(ls "$CI"/gcc/virtplug-*.tar.xz 2>/dev/null | head -n 1)
    if [ -z "$tarball" ] && [ -f "$CI/gcc/Makefile" ]; then
        (cd "$CI/gcc" && make dist) >"$LOGS/dist.out" 2>&1
        tarball=$(ls "$CI"/gcc/virtplug-*.tar.xz 2>/dev/null | head -n 1)
    fi
    if [ -z "$tarball" ]; then
        configure_in "$CI/dist" >/dev/null 2>&1 &&
            (cd "$CI/dist" && make dist) >"$LOGS/dist.out" 2>&1
        tarball=$(ls "$CI"/dist/virtplug-*.tar.xz 2>/dev/null | head -n 1)
    fi
    "$SRC/tests/packaging/rpm-contents.sh" "$tarball" >"$LOGS/rpm.out" 2>&1
    rc=$?
    [ "$rc" = 0 ] || tail -n 60 "$LOGS/rpm.out"
    if [ "$rc" = 77 ]; then
        SKIPPED=$((SKIPPED + 1)); SUMMARY+=("packaging (rpm): SKIP")
    else
        count_one "packaging (rpm)" "$rc"
    fi
}

step_fuzz() {
    local dir=$CI/fuzz rc secs=${VIRTPLUG_CI_FUZZ_SECONDS:-6}
    note "libFuzzer harnesses (clang, --enable-fuzz), $secs s each"
    if ! configure_in "$dir" --enable-werror --enable-fuzz CC=clang \
            >"$LOGS/fuzz-configure.out" 2>&1; then
        tail -n 60 "$LOGS/fuzz-configure.out"
        count_one "fuzz build" 1
        return
    fi
    rm -f "$dir/tests/fuzz/fuzz-suite.log"
    (cd "$dir" && make -j"$JOBS" fuzz FUZZ_SECONDS="$secs") \
        >"$LOGS/fuzz.out" 2>&1
    rc=$?
    [ -f "$dir/tests/fuzz/fuzz-suite.log" ] &&
        cp "$dir/tests/fuzz/fuzz-suite.log" "$LOGS/fuzz-suite.log"
    [ "$rc" = 0 ] || tail -n 40 "$LOGS/fuzz.out"
    count_suite fuzz "$dir/tests/fuzz/fuzz-suite.log" "$rc"
}

note "dependencies"
if [ "${VIRTPLUG_CI_SKIP_PREP:-0}" = 1 ]; then
    echo "skipped (VIRTPLUG_CI_SKIP_PREP=1)"
elif ! "$SRC/build-aux/deps.sh" all; then
    echo "check-all: could not install dependencies" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

[ -f /usr/share/libvirt/api/libvirt-api.xml ] && LIBVIRT_COMPAT=--with-libvirt-compat
mkdir -p "$LOGS"
note "autoreconf"
if [ "${VIRTPLUG_CI_SKIP_PREP:-0}" = 1 ]; then
    echo "skipped (VIRTPLUG_CI_SKIP_PREP=1)"
elif ! (cd "$SRC" && autoreconf -fi) >"$LOGS/autoreconf.out" 2>&1; then
    cat "$LOGS/autoreconf.out" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

for step in $STEPS; do
    case $step in
        gcc|asan|valgrind|install|fuzz|packaging) "step_$step" ;;
        *) echo "check-all: unknown step '$step'" >&2; count_one "step $step" 1 ;;
    esac
done

note "summary (logs in $LOGS)"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "total time: $((SECONDS - START)) s"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
