#!/bin/sh
# make-host.sh DIR [--hostile]: builds the xen fixture host tree in DIR
# (which must exist and be empty).  --hostile adds files whose strings carry
# terminal escape sequences (hostile-xen.sh).  The committed tests/backends/xen/host/ holds the text files;
# everything that git cannot keep (symlinks, empty directories, NUL bytes,
# binary save images, old modification times, FIFOs) or that is too big to
# commit is made here.
#
# The tree (see tests/backends/xen/README for what each domain stands for):
#   libvirt's libxl state: lv-running (1), lv-paused (2), lv-transient (3),
#     xl-known (4, status only), lv-autostart, lv-saved, lv-shutoff
#   libxl userdata: lv-running (1) and xl-known (4) again, xl-plain (5),
#     xl-auto (6), Domain-0, a stale one and one bad file per failure kind
#   xl save images: xl-saved and damaged ones
set -eu

srcdir=$(cd "$(dirname "$0")" && pwd)
dst=$1
hostile=${2:-}
[ -d "$dst" ] || { echo "make-host.sh: $dst is not a directory" >&2; exit 1; }

cp -R "$srcdir/host/." "$dst/"
chmod -R u+w "$dst"   # the source tree may be read-only (distcheck)
mkdir -p "$dst/etc/libvirt/libxl/autostart" "$dst/var/lib/xen/save" \
    "$dst/var/lib/libvirt/libxl/save" "$dst/proc"

U=7b1a2c3d-00
S=-4e5f-8a9b-0000000000
X=$dst/var/lib/xen

# libvirt autostart: a symlink to the config, as libvirt makes it.
ln -s ../lv-autostart.xml "$dst/etc/libvirt/libxl/autostart/lv-autostart.xml"
# xendomains autostart: an absolute symlink, resolved inside the tree.
ln -s /etc/xen/xl-auto.cfg "$dst/etc/xen/auto/xl-auto.cfg"
ln -s loop.cfg "$dst/etc/xen/auto/loop.cfg"

# The host booted an hour ago; files older than that are stale.
now=$(date +%s)
printf 'cpu  1 2 3 4 5 6 7 0 0 0\nintr 0\nctxt 1\nbtime %s\nprocesses 1\n' \
    $((now - 3600)) > "$dst/proc/stat"

# config NAME UUID: the libxl JSON of a domain, without the NUL.
config() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" "$srcdir/libxl-config.json.in"
}
# userdata DOMID UUID NAME: what libxl writes, JSON + one NUL byte.
userdata() {
    f="$X/userdata-d.$1.$2.libxl-json"
    config "$3" "$2" > "$f"
    printf '\000' >> "$f"
}

userdata 1 ${U}01${S}01 lv-running      # also known to libvirt: listed once
userdata 4 ${U}04${S}04 xl-known        # libvirt's status file wins
userdata 5 ${U}05${S}05 xl-plain
userdata 6 ${U}06${S}06 xl-auto
userdata 0 00000000-0000-0000-0000-000000000000 Domain-0

# Not libxl-json data: other kinds and other userids are ignored.
printf 'x\000' > "$X/userdata-n.5.${U}05${S}05.libxl-json"
: > "$X/userdata-l.5.${U}05${S}05.domain-userdata-lock"
printf '<domain/>\000' > "$X/userdata-d.5.${U}05${S}05.libvirt-xml"
printf 'name="x"\000' > "$X/userdata-d.5.${U}05${S}05.xl"

# Stale: left behind by a crash before the last boot.
userdata 30 ${U}30${S}30 xl-stale
touch -d '@'$((now - 2 * 86400)) "$X/userdata-d.30.${U}30${S}30.libxl-json"

# One damaged file per kind; each costs only its own domain.
printf '{"c_info": {"name": "bad-json",\000' \
    > "$X/userdata-d.20.${U}20${S}20.libxl-json"
config bad-nonul ${U}21${S}21 > "$X/userdata-d.21.${U}21${S}21.libxl-json"
{ config bad-midnul ${U}22${S}22; printf '\000junk\000'; } \
    > "$X/userdata-d.22.${U}22${S}22.libxl-json"
{ printf '{"c_info":{"name":"bad-huge","uuid":"%s"},"pad":"' ${U}23${S}23
  head -c 10485760 /dev/zero | tr '\000' a
  printf '"}\000'; } > "$X/userdata-d.23.${U}23${S}23.libxl-json"
{ head -c 1000000 /dev/zero | tr '\000' '['
  head -c 1000000 /dev/zero | tr '\000' ']'
  printf '\000'; } > "$X/userdata-d.24.${U}24${S}24.libxl-json"
config bad-uuid ${U}99${S}99 > "$X/userdata-d.25.${U}25${S}25.libxl-json"
printf '\000' >> "$X/userdata-d.25.${U}25${S}25.libxl-json"
printf '{"c_info": {"type": "pv"}}\000' \
    > "$X/userdata-d.26.${U}26${S}26.libxl-json"
mkfifo "$X/userdata-d.27.${U}27${S}27.libxl-json"
ln -s userdata-d.5.${U}05${S}05.libxl-json \
    "$X/userdata-d.28.${U}28${S}28.libxl-json"

# le32 N: N as 4 little-endian bytes.
le32() {
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) \
        $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"
}
# saveimage FILE NAME UUID [BYTEORDER]: an xl save image (xl's header, the
# config JSON with its NUL, then a stand-in for libxc's stream).
saveimage() {
    config "$2" "$3" > "$1.cfg"
    printf '\000' >> "$1.cfg"
    len=$(wc -c < "$1.cfg")
    { printf 'Xen saved domain, xl format\n \000 \r'
      le32 "${4:-16909060}"   # 0x01020304
      le32 3                  # JSON config, migration stream v2
      le32 0
      le32 $((len + 4))
      le32 "$len"
      cat "$1.cfg"
      printf 'libxc migration stream would follow'; } > "$1"
    rm -f "$1.cfg"
}
saveimage "$X/save/xl-saved" xl-saved ${U}0a${S}0a
saveimage "$X/save/bad-order" bad-order ${U}40${S}40 287454020
saveimage "$X/save/renamed" other-name ${U}41${S}41
printf 'xendomains keeps only images here\n' > "$X/save/notes.txt"

# libvirt's managed save image of lv-saved (libvirt's libxl header).
{ printf 'libvirt-xml\n \000 \r'; le32 2; le32 0
  head -c 40 /dev/zero; } > "$dst/var/lib/libvirt/libxl/save/lv-saved.save"

if [ "$hostile" = --hostile ]; then
    # JSON escapes: libxl's JSON can carry any character, libvirt's XML
    # cannot carry these.
    e='\\u001b'
    userdata 50 ${U}50${S}50 "x-esc-uuid"
    sed -i "s/\"${U}50${S}50\"/\"${e}[2J${e}]0;owned\\\\u0007\"/" \
        "$X/userdata-d.50.${U}50${S}50.libxl-json"
    userdata 51 ${U}51${S}51 "x-esc${e}[31mred"
    saveimage "$X/save/esc-image" "esc${e}[2Jowned" ${U}52${S}52
fi
