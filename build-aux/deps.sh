#!/usr/bin/env bash
# deps.sh: install the Debian 12 packages virtplug needs, only those missing.
#
#   build-aux/deps.sh build   build deps + compilers + valgrind
#   build-aux/deps.sh all     the same + the real peers the interop tests use
#
# Runs apt-get non-interactively, quietly, without recommends; `apt-get
# update` is run only when something must be installed.  As non-root with
# everything present it does nothing; with something missing it fails.
set -euo pipefail

BUILD_PKGS="autoconf automake libtool pkg-config libxml2-dev libyajl-dev
libcmocka-dev make gcc clang valgrind time"
PEER_PKGS="libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
qemu-system-x86 qemu-utils socat python3"

case "${1:-build}" in
    build) wanted=$BUILD_PKGS ;;
    all) wanted="$BUILD_PKGS $PEER_PKGS" ;;
    *) echo "usage: $0 [build|all]" >&2; exit 2 ;;
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
