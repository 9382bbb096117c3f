#!/bin/sh
# make-host.sh TEMPLATE_DIR ROOT
#
# Builds a libvirt LXC driver host tree under ROOT from the shapes of the
# files real libvirt 9.0 writes (templates/): every state and attribute a
# listing of lxc:// filters on, plus what else the driver leaves in its
# directories (pid files, console and /dev directories, driver.pid), which
# a reader must pass over.  Ids are 1, 2, ... as in the test-driver twin
# fixture-node.xml (a real container's id is its controller's pid).
# Built at test time: symlinks do not belong in a source tree.
set -eu

tpl=$1
root=$2
etc=$root/etc/libvirt/lxc
run=$root/run/libvirt/lxc
mkdir -p "$etc/autostart" "$run"
: > "$run/autostarted"
printf '%s' 4242 > "$run/driver.pid"

# config NAME UUID [TITLE]
config() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" "$tpl/config.xml" > "$etc/$1.xml"
    if [ -n "${3:-}" ]; then
        sed -i "s|^  <uuid>.*|&\n  <title>$3</title>|" "$etc/$1.xml"
    fi
}

# status NAME UUID ID STATE REASON [TITLE]
status() {
    sed -e "s/@NAME@/$1/g" -e "s/@UUID@/$2/g" -e "s/@ID@/$3/g" \
        -e "s/@INIT@/$((9000 + $3))/g" -e "s/@STATE@/$4/g" -e "s/@REASON@/$5/g" \
        "$tpl/status.xml" > "$run/$1.xml"
    if [ -n "${6:-}" ]; then
        sed -i "s|^    <uuid>.*|&\n    <title>$6</title>|" "$run/$1.xml"
    fi
    # what the driver keeps next to a running container's status file
    printf '%s' "$3" > "$run/$1.pid"
    mkdir -p "$run/$1.dev" "$run/$1.devpts" "$run/$1.fuse"
}

autostart() {
    # absolute, as libvirt writes it: it names the original host's path
    ln -s "/etc/libvirt/lxc/$1.xml" "$etc/autostart/$1.xml"
}

config l-shutoff 33333333-0000-4000-8000-000000000001 'Shut off container'
config l-running 33333333-0000-4000-8000-000000000002
status l-running 33333333-0000-4000-8000-000000000002 1 running booted 'Running container'
config l-paused 33333333-0000-4000-8000-000000000003
status l-paused 33333333-0000-4000-8000-000000000003 2 paused user
config l-autostart 33333333-0000-4000-8000-000000000004
autostart l-autostart
config l-autostart-running 33333333-0000-4000-8000-000000000005
status l-autostart-running 33333333-0000-4000-8000-000000000005 3 running booted
autostart l-autostart-running
status l-transient 33333333-0000-4000-8000-000000000006 4 running booted
status l-transient-paused 33333333-0000-4000-8000-000000000007 5 paused user
# a non-ASCII (UTF-8) name is a good name
config "l-café" 33333333-0000-4000-8000-000000000008

# leftovers a reader must ignore: a half-written file, a config that is not
# XML, the driver's files and a stopped container's directories
cp "$etc/l-shutoff.xml" "$etc/l-shutoff.xml.new"
sed -e 's/l-shutoff/l-newonly/' "$etc/l-shutoff.xml" > "$etc/l-newonly.xml.new"
printf 'not xml' > "$etc/bad-notxml.xml"
mkdir -p "$run/l-gone.dev" "$run/l-gone.devpts" "$run/l-gone.fuse"
