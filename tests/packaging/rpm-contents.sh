#!/bin/sh
# rpm-contents.sh: build virtplug.spec's RPMs from a `make dist` tarball
# with rpmbuild -bb --nodeps (see the spec's header) and check with
# rpm -qlp that each subpackage holds exactly its files.
#
#   rpm-contents.sh TARBALL      (or VIRTPLUG_DIST_TARBALL=TARBALL)
#
# Skips (77) without rpmbuild or without a tarball.  The suite is not run
# again inside rpmbuild (--without check): it runs in CI's own builds.
set -u
export LC_ALL=C
TARBALL=${1:-${VIRTPLUG_DIST_TARBALL:-}}
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] || { echo "SKIP: no dist tarball given"; exit 77; }
command -v rpmbuild >/dev/null 2>&1 || { echo "SKIP: no rpmbuild"; exit 77; }
TARBALL=$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtplug-rpm.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
mkdir -p "$WORK/SOURCES" "$WORK/spec"
cp "$TARBALL" "$WORK/SOURCES/"
tar -xJf "$TARBALL" -C "$WORK/spec" --wildcards --strip-components=1 '*/virtplug.spec' ||
    { echo "FAIL: no virtplug.spec in $TARBALL"; exit 1; }
if ! rpmbuild -bb --nodeps --without check --define "_topdir $WORK" \
    --define "_smp_mflags -j2" "$WORK/spec/virtplug.spec" >"$WORK/build.log" 2>&1; then
    tail -40 "$WORK/build.log"; echo "FAIL: rpmbuild"; exit 1
fi
echo "ok: rpmbuild -bb --nodeps"

lib=$(rpm --eval '%{_libdir}')
bd=$lib/virtplug/backends
failures=0
# expect SUBPACKAGE FILE...: rpm -qlp lists exactly FILE... (man pages may
# be compressed, so a trailing * matches any suffix).
expect() {
    sub=$1; shift
    rpmfile=$(ls "$WORK"/RPMS/*/"$sub"-[0-9]*.rpm 2>/dev/null | head -n1)
    [ -n "$rpmfile" ] || { echo "FAIL: no $sub RPM"; failures=$((failures + 1)); return; }
    # rpmbuild adds /usr/lib/.build-id links for every ELF file on its own.
    rpm -qlp "$rpmfile" 2>/dev/null | grep -v '^/usr/lib/\.build-id' | sort >"$WORK/got"
    printf '%s\n' "$@" | sort >"$WORK/want"
    if [ "$(wc -l <"$WORK/got")" -eq "$(wc -l <"$WORK/want")" ] &&
        paste "$WORK/got" "$WORK/want" | while IFS="$(printf '\t')" read -r g w; do
            case $g in $w) ;; *) exit 1 ;; esac; done; then
        echo "ok: $sub: $(tr '\n' ' ' <"$WORK/got")"
    else
        echo "FAIL: $sub holds:"; cat "$WORK/got"; echo "want:"; cat "$WORK/want"
        failures=$((failures + 1))
    fi
}

expect virtplug /usr/bin/virtplug '/usr/share/man/man1/virtplug.1*' \
    /usr/share/bash-completion/completions/virtplug \
    /usr/lib/systemd/system/virtplug-metrics.service \
    /usr/lib/systemd/system/virtplug-metrics.timer \
    /usr/share/doc/virtplug/monitoring.md
expect virtplug-exporter /usr/bin/virtplug-exporter '/usr/share/man/man1/virtplug-exporter.1*' \
    /usr/lib/systemd/system/virtplug-exporter.service
expect virtplug-libs "$lib/libvirtplug.so.0" "$lib/libvirtplug.so.0.*" \
    "$lib/virtplug" "$bd"
expect virtplug-devel /usr/include/virtplug /usr/include/virtplug/virtplug.h \
    /usr/include/virtplug/virtplug-backends.h \
    "$lib/libvirtplug.so" "$lib/pkgconfig/virtplug.pc"
expect virtplug-sdk-libs "$lib/libvirtplug-backend.so.0" "$lib/libvirtplug-backend.so.0.*"
expect virtplug-sdk-devel /usr/include/virtplug/virtplug-backend.h \
    /usr/include/virtplug/vp-file.h /usr/include/virtplug/vp-index.h \
    /usr/include/virtplug/vp-json.h /usr/include/virtplug/vp-parse.h \
    /usr/include/virtplug/vp-libvirt-def.h \
    /usr/include/virtplug/vp-libvirt-layout.h /usr/include/virtplug/vp-libvirt-state.h \
    /usr/include/virtplug/vp-xml.h \
    "$lib/libvirtplug-backend.so" "$lib/pkgconfig/virtplug-backend.pc" \
    /usr/share/doc/virtplug/backend-guide.md
expect virtplug-libvirt-compat "$lib/virtplug/libvirt" \
    "$lib/virtplug/libvirt/libvirt.so.0" "$lib/virtplug/libvirt/libvirt.so.0.*" \
    "$lib/virtplug/libvirt/libvirt-qemu.so.0" "$lib/virtplug/libvirt/libvirt-qemu.so.0.*" \
    "$lib/virtplug/libvirt/libvirt-lxc.so.0" "$lib/virtplug/libvirt/libvirt-lxc.so.0.*" \
    /usr/include/virtplug/libvirt-compat /usr/include/virtplug/libvirt-compat/libvirt \
    /usr/include/virtplug/libvirt-compat/libvirt/libvirt.h \
    /usr/include/virtplug/libvirt-compat/libvirt/virterror.h \
    "$lib/pkgconfig/virtplug-libvirt.pc"
for b in qemu xen lxc test; do
    expect "virtplug-backend-$b" "$bd/$b.so"
done
rpm -qp --provides "$WORK"/RPMS/*/virtplug-libs-[0-9]*.rpm | grep -q '^virtplug-backend-abi = ' ||
    { echo "FAIL: -libs does not provide virtplug-backend-abi"; failures=$((failures + 1)); }
rpm -qp --requires "$WORK"/RPMS/*/virtplug-backend-qemu-[0-9]*.rpm | grep -q '^virtplug-backend-abi = ' ||
    { echo "FAIL: -backend-qemu does not require virtplug-backend-abi"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || exit 1
echo "PASS: rpm-contents"
