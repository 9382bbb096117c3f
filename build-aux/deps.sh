#!/usr/bin/env bash
# deps.sh: install the Debian 12 packages virtplug needs, only those missing.
#
#   build-aux/deps.sh build   build deps + compilers + valgrind
#   build-aux/deps.sh all     the same + the real peers the interop tests use
#   build-aux/deps.sh ci      the same + what .ci/run needs to make a clean
#                             Debian 12 root (build-aux/clean-root.sh)
#
# A package belongs here if some step needs it and a minimal Debian 12
# (mmdebstrap --variant=apt) lacks it; .ci/run proves the list in such a
# root.  Not obvious ones: xz-utils (make distcheck's tar.xz),
# libclang-rt-14-dev (clang's ASan/UBSan runtime; a Recommends of clang),
# procps (pgrep in the libvirt interop tests), libvirt-daemon-driver-lxc
# (the lxc backend's peer: tests/interop/libvirt/lxc-matrix.sh).
#
# Runs apt-get non-interactively, quietly, without recommends; `apt-get
# update` is run only when something must be installed.  As non-root with
# everything present it does nothing; with something missing it fails.
set -euo pipefail

BUILD_PKGS="autoconf automake libtool pkg-config libxml2-dev libyajl-dev
libcmocka-dev make gcc clang libclang-rt-14-dev valgrind time xz-utils
libmicrohttpd-dev"
PEER_PKGS="libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
libvirt-daemon-driver-lxc
qemu-system-x86 qemu-utils socat python3 procps
prometheus prometheus-node-exporter chromium util-linux
libvirt-dev libvirt-doc python3-libvirt"
CI_PKGS="mmdebstrap git"
# Packaging: build and lint the .debs, deploy them in a clean root, RPMs.
PACKAGING_PKGS="debhelper dpkg-dev lintian mmdebstrap rpm file"

case "${1:-build}" in
    build) wanted=$BUILD_PKGS ;;
    all) wanted="$BUILD_PKGS $PEER_PKGS $PACKAGING_PKGS" ;;
    ci) wanted="$BUILD_PKGS $PEER_PKGS $CI_PKGS $PACKAGING_PKGS" ;;
    *) echo "usage: $0 [build|all|ci]" >&2; exit 2 ;;
esac

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

missing=
for pkg in $wanted; do
    is_installed "$pkg" || missing="$missing $pkg"
done

if [ -z "$missing" ]; then
    echo "deps: all ${1:-build} packages present"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "deps: missing packages:$missing (run as root to install them)" >&2
    exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt_opts="-q -y -o Dpkg::Use-Pty=0 --no-install-recommends"
# A fresh image may have no package lists; update once, then install.
apt-get -q -o Dpkg::Use-Pty=0 update >/dev/null
# shellcheck disable=SC2086
apt-get install $apt_opts $missing </dev/null >/dev/null
echo "deps: done"
