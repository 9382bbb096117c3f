#!/bin/sh
# make-host.sh TEMPLATE_DIR ROOT [--malformed]
#
# Builds a libvirt QEMU driver host tree (system layout) under ROOT from the
# shapes of real libvirt 9.0 files in TEMPLATE_DIR: every state a listing
# filters on, plus the leftovers a real host has (pid files, *.new files).
# With --malformed, adds broken domains that must each cost only themselves.
# Built at test time: symlinks, FIFOs, odd names and sparse files do not
# belong in a source tree.
set -eu

tpl=$1
root=$2
malformed=${3:-}

etc=$root/etc/libvirt/qemu
run=$root/run/libvirt/qemu
lib=$root/var/lib/libvirt/qemu
mkdir -p "$etc/autostart" "$run/dbus" "$run/slirp" "$lib/save" \
    "$lib/snapshot" "$lib/checkpoint" "$lib/nvram"
: > "$run/autostarted"
printf '%s' 4242 > "$run/driver.pid"

# config NAME UUID [TITLE]
config() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" "$tpl/config.xml" > "$etc/$1.xml"
    if [ -n "${3:-}" ]; then
        sed -i "s|^  <uuid>.*|&\n  <title>$3</title>\n  <description>about $1</description>|" "$etc/$1.xml"
    fi
}

# status NAME UUID ID STATE REASON [TITLE]
status() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" -e "s/@ID@/$3/g" \
        -e "s/@STATE@/$4/g" -e "s/@REASON@/$5/g" -e "s/@PID@/$((3000 + $3))/g" \
        "$tpl/status.xml" > "$run/$1.xml"
    if [ -n "${6:-}" ]; then
        sed -i "s|^    <uuid>.*|&\n    <title>$6</title>|" "$run/$1.xml"
    fi
    printf '%s' "$((3000 + $3))" > "$run/$1.pid"
}

autostart() {
    # absolute, as libvirt writes it: it names the original host's path
    ln -s "/etc/libvirt/qemu/$1.xml" "$etc/autostart/$1.xml"
}

# snapshot DOMAIN UUID SNAPNAME
snapshot() {
    mkdir -p "$lib/snapshot/$1"
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" -e "s/<name>s2</<name>$3</" \
        "$tpl/snapshot.xml" > "$lib/snapshot/$1/$3.xml"
}

config q-shutoff 11111111-0000-4000-8000-000000000001 'Shut off guest'
config q-running 11111111-0000-4000-8000-000000000002
status q-running 11111111-0000-4000-8000-000000000002 1 running booted 'Running guest'
config q-paused 11111111-0000-4000-8000-000000000003
status q-paused 11111111-0000-4000-8000-000000000003 2 paused user
snapshot q-paused 11111111-0000-4000-8000-000000000003 meta1
config q-autostart 11111111-0000-4000-8000-000000000004
autostart q-autostart
config q-autostart-running 11111111-0000-4000-8000-000000000005
status q-autostart-running 11111111-0000-4000-8000-000000000005 3 running booted
autostart q-autostart-running
config q-managedsave 11111111-0000-4000-8000-000000000006
printf 'LibvirtQemudSave' > "$lib/save/q-managedsave.save"
config q-snapshot 11111111-0000-4000-8000-000000000007
snapshot q-snapshot 11111111-0000-4000-8000-000000000007 s1
snapshot q-snapshot 11111111-0000-4000-8000-000000000007 s2
config q-checkpoint 11111111-0000-4000-8000-000000000008
mkdir -p "$lib/checkpoint/q-checkpoint"
printf '<domaincheckpoint>\n  <name>c1</name>\n</domaincheckpoint>\n' \
    > "$lib/checkpoint/q-checkpoint/c1.xml"
status q-transient 11111111-0000-4000-8000-000000000009 4 running booted
status q-transient-paused 11111111-0000-4000-8000-00000000000a 5 paused user
# a non-ASCII (UTF-8) name is a good name
config "q-café" 11111111-0000-4000-8000-00000000000b

# half-written leftovers that a reader must ignore
cp "$etc/q-shutoff.xml" "$etc/q-shutoff.xml.new"
cp "$run/q-running.xml" "$run/q-halfnew.xml.new"
sed -i 's/q-running/q-halfnew/' "$run/q-halfnew.xml.new"
sed -e 's/q-shutoff/q-newonly/' "$etc/q-shutoff.xml" > "$etc/q-newonly.xml.new"
: > "$etc/README"

[ "$malformed" = --malformed ] || exit 0

# truncated before <uuid>: skipped.  (Cut after its <uuid>, a config is
# still listed when nothing further is needed: it is read only that far.)
sed -n '1,/<name>/p' "$etc/q-shutoff.xml" | sed 's/q-shutoff/bad-truncated/' > "$etc/bad-truncated.xml"
printf '  <uuid>22222222-00' >> "$etc/bad-truncated.xml"
# a persistent domain whose status file is truncated: listed as shut off
config bad-strunc 22222222-0000-4000-8000-000000000001
status bad-strunc 22222222-0000-4000-8000-000000000001 20 running booted
head -c 2000 "$run/bad-strunc.xml" > "$run/tmp" && mv "$run/tmp" "$run/bad-strunc.xml"
# XML bomb (entities are never expanded): skipped
cat > "$etc/bad-bomb.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE domain [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<domain type='qemu'>
  <name>&lol9;</name>
  <uuid>22222222-0000-4000-8000-000000000002</uuid>
</domain>
XML
# 1 GiB sparse status files: refused by size, never read
config bad-sparse 22222222-0000-4000-8000-000000000003
truncate -s 1G "$run/bad-sparse.xml"
truncate -s 1G "$run/bad-sparse-transient.xml"
# autostart link loops: no autostart, domain still listed
config bad-loop 22222222-0000-4000-8000-000000000004
ln -s bad-loop.xml "$etc/autostart/bad-loop.xml"
ln -s loop-b.xml "$etc/autostart/loop-a.xml"
ln -s loop-a.xml "$etc/autostart/loop-b.xml"
# status file naming another domain: ignored (transient: absent)
status bad-mismatch 22222222-0000-4000-8000-000000000005 21 running booted
sed -i 's|<name>bad-mismatch</name>|<name>q-other</name>|' "$run/bad-mismatch.xml"
# config naming another domain: skipped
config bad-cfgname 22222222-0000-4000-8000-000000000006
sed -i 's|<name>bad-cfgname</name>|<name>q-shutoff</name>|' "$etc/bad-cfgname.xml"
# unreadable config (root reads it anyway)
config bad-unread 22222222-0000-4000-8000-000000000007
chmod 000 "$etc/bad-unread.xml"
# not regular files: a FIFO must never block, a directory is skipped
mkfifo "$etc/bad-fifo.xml"
mkdir "$etc/bad-dir.xml"
mkfifo "$run/bad-fifo-status.xml"
# non-UTF-8 file name (and name): skipped
badname=$(printf 'bad-\377')
sed -e "s/@NAME@/$badname/g" -e "s/@UUID@/22222222-0000-4000-8000-000000000008/g" \
    "$tpl/config.xml" > "$etc/$badname.xml"
# unknown state: ignored
status bad-state 22222222-0000-4000-8000-000000000009 22 bogus booted
# missing uuid: skipped
config bad-nouuid 22222222-0000-4000-8000-00000000000a
sed -i '/<uuid>/d' "$etc/bad-nouuid.xml"
# entity reference in the name: skipped
config bad-entity 22222222-0000-4000-8000-00000000000b
sed -i 's|<name>bad-entity</name>|<name>\&foo;</name>|' "$etc/bad-entity.xml"
# valid, but outside the plain shape the fast scanner takes (CDATA, an
# entity in the title): read by libxml2, listed with its title
config bad-fallback 22222222-0000-4000-8000-00000000000c 'A \&amp; B'
sed -i 's|<name>bad-fallback</name>|<name><![CDATA[bad-fallback]]></name>|' "$etc/bad-fallback.xml"
# not a domain at all
printf '<network><name>bad-root</name></network>\n' > "$etc/bad-root.xml"
: > "$etc/bad-empty.xml"
exit 0
