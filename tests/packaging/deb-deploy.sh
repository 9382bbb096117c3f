#!/bin/sh
# deb-deploy.sh: build the Debian packages in a clean Debian 12 root that
# has only what debian/control declares, lint them, and deploy them
# selectively in another clean root (tests/packaging/in-root-checks.sh,
# which ends with autopkgtest's null runner on debian/tests).
#
# Needs root (mmdebstrap's root mode), lintian and dpkg-scanpackages here,
# and the machine's Debian mirror; skips (77) only when the root cannot be
# made.  The clean root is made afresh on every run (about a minute; no
# cache to validate).  Inside it apt resolves everything from the mirror's
# own package lists; .debs this machine already holds in its apt cache are
# hard-linked in so that apt need not download them again (apt checks them
# against the lists' hashes).  The packages are built with the nocheck
# profile: the suite has already run in this same tree (make check) and in
# CI's other steps, and running it again would double this test's time for
# nothing new.
#
# Environment: VIRTPLUG_TEST_PACKAGING=1 (else skip), VIRTPLUG_SRCDIR; VIRTPLUG_PKG_KEEP=DIR keeps the .debs,
# lintian's output and `dpkg -c` of every package in DIR.
set -u
SRC=${VIRTPLUG_SRCDIR:-.}
SRC=$(cd "$SRC" && pwd)
CLEAN_ROOT=$SRC/build-aux/clean-root.sh
APT_CACHE=/var/cache/apt/archives
T0=$(date +%s)
elapsed() { echo "$(($(date +%s) - T0)) s"; }

skip() { echo "SKIP: $*"; exit 77; }
# Minutes and the network: only where asked for (check-all.sh's packaging
# step), never inside a package build's own make check.
[ "${VIRTPLUG_TEST_PACKAGING:-0}" = 1 ] || skip "set VIRTPLUG_TEST_PACKAGING=1 to run"
[ "$(id -u)" = 0 ] || skip "needs root to make a clean root"
for t in mmdebstrap lintian dpkg-scanpackages; do
    command -v "$t" >/dev/null 2>&1 || skip "no $t"
done
[ -d "$SRC/debian" ] || skip "no debian/ in $SRC"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-deb.XXXXXX") || exit 1
ROOT=$WORK/root BROOT=$WORK/build-root
# build-aux/clean-root.sh: its mounts live in their own namespace; the trap
# removes both roots whatever happens.
trap '"$CLEAN_ROOT" remove "$BROOT" >/dev/null 2>&1
      "$CLEAN_ROOT" remove "$ROOT" >/dev/null 2>&1; rm -rf "$WORK"' EXIT HUP INT TERM

# 1. One clean root; the build gets a copy, the deployment the original.
"$CLEAN_ROOT" create --deb-cache "$APT_CACHE" "$ROOT" >"$WORK/root.log" 2>&1 ||
    { tail -20 "$WORK/root.log"; skip "cannot make the clean root"; }
echo "ok: clean Debian 12 root made ($(elapsed))"
cp -a "$ROOT" "$BROOT" || exit 1

# 2. Build from a copy of the tracked (or distributed) files only, in the
# build root, after `apt-get build-dep ./` installed what debian/control
# declares (and build-essential) and nothing else.
mkdir -p "$BROOT/build/src"
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
        grep -zv '^_build' | xargs -0 tar -cf - --no-recursion) |
        tar -xf - -C "$BROOT/build/src" || exit 1
else
    (cd "$SRC" && tar -cf - --exclude=./_build .) | tar -xf - -C "$BROOT/build/src" || exit 1
fi
"$CLEAN_ROOT" run "$BROOT" --deb-cache "$APT_CACHE" \
    --env DEB_BUILD_OPTIONS="nocheck parallel=2" --env DEB_BUILD_PROFILES=nocheck \
    --env DEBIAN_FRONTEND=noninteractive -- sh -c '
    cd /build/src &&
    apt-get -q -o Dpkg::Use-Pty=0 update &&
    apt-get -q -y -o Dpkg::Use-Pty=0 --no-install-recommends build-dep ./ &&
    echo "== build dependencies installed" &&
    dpkg-buildpackage -us -uc -b' >"$WORK/build.log" 2>&1 ||
    { tail -40 "$WORK/build.log"; echo "FAIL: build-dep + dpkg-buildpackage in the clean root"; exit 1; }
mv "$BROOT"/build/*.deb "$BROOT"/build/*.changes "$BROOT"/build/*.buildinfo "$WORK/" || exit 1
"$CLEAN_ROOT" remove "$BROOT" || exit 1
echo "ok: apt-get build-dep ./ + dpkg-buildpackage -us -uc -b in a clean root ($(elapsed))"
changes=$(ls "$WORK"/virtplug_*.changes)

# 3. Lint: no error or warning (overrides carry their reasons).
if lintian --fail-on error,warning "$changes" >"$WORK/lintian.txt" 2>&1; then
    echo "ok: lintian --fail-on error,warning ($(grep -c . "$WORK/lintian.txt") lines, $(elapsed))"
else
    cat "$WORK/lintian.txt"; echo "FAIL: lintian"; exit 1
fi

# 4. Modules: 0644, stripped, no RPATH/RUNPATH anywhere.
mkdir "$WORK/x"
for deb in "$WORK"/*.deb; do
    case $deb in *-dbgsym_*) continue ;; esac
    dpkg-deb -x "$deb" "$WORK/x"
done
bad=0
for f in "$WORK"/x/usr/lib/*/virtplug/backends/*.so; do
    [ "$(stat -c %a "$f")" = 644 ] || { echo "FAIL: $f mode $(stat -c %a "$f")"; bad=1; }
    file -L "$f" 2>/dev/null | grep -q 'not stripped' && { echo "FAIL: $f not stripped"; bad=1; }
done
for f in $(find "$WORK/x" -type f \( -name '*.so*' -o -path '*/bin/*' \)); do
    readelf -d "$f" 2>/dev/null | grep -Eq 'RPATH|RUNPATH' && { echo "FAIL: $f has an RPATH"; bad=1; }
done
[ "$bad" = 0 ] || exit 1
echo "ok: modules 0644 and stripped; no RPATH"

if [ -n "${VIRTPLUG_PKG_KEEP:-}" ]; then
    mkdir -p "$VIRTPLUG_PKG_KEEP"
    cp "$WORK"/*.deb "$WORK"/*.changes "$WORK/lintian.txt" "$WORK/build.log" \
        "$VIRTPLUG_PKG_KEEP/"
    for deb in "$WORK"/*.deb; do
        echo "== $(basename "$deb")"; dpkg-deb -c "$deb"
    done >"$VIRTPLUG_PKG_KEEP/dpkg-c.txt"
fi

# 5. A local apt repository and the sources the checks use.
mkdir -p "$WORK/vp/repo" "$WORK/vp/src/docs" "$WORK/vp/src/debian"
cp "$WORK"/*.deb "$WORK/vp/repo/"
rm -f "$WORK"/vp/repo/*-dbgsym_*
(cd "$WORK/vp/repo" && dpkg-scanpackages . /dev/null >Packages 2>/dev/null) || exit 1
cp -a "$SRC/examples" "$WORK/vp/src/"
cp "$SRC/docs/hello-backend.c" "$WORK/vp/src/docs/"
cp -a "$SRC/debian/." "$WORK/vp/src/debian/"
cp "$SRC/tests/packaging/in-root-checks.sh" "$WORK/vp/"
abi=$(sed -n 's/^#define VIRTPLUG_BACKEND_ABI_VERSION \([0-9]*\).*/\1/p' \
    "$SRC"/plugin-api/*.h "$SRC"/include/virtplug/*.h 2>/dev/null | head -n1)

# 6. Deployment in the clean root.
mkdir -p "$ROOT/tmp" && cp -a "$WORK/vp" "$ROOT/tmp/" || exit 1
"$CLEAN_ROOT" run "$ROOT" --deb-cache "$APT_CACHE" -- sh /tmp/vp/in-root-checks.sh /tmp/vp "$abi" \
    >"$WORK/checks.log" 2>&1
rc=$?
cat "$WORK/checks.log"
[ "$rc" -eq 0 ] || { echo "FAIL: selective deployment"; exit 1; }
grep -q '^in-root checks: all passed' "$WORK/checks.log" || { echo "FAIL: checks did not finish"; exit 1; }
echo "PASS: deb-deploy ($(elapsed))"
