#!/usr/bin/env bash
# clean-root.sh: a clean Debian 12 root, and commands run inside it as on a
# freshly installed machine.  Needs root, mmdebstrap and util-linux.
#
#   clean-root.sh create [--deb-cache DIR]... ROOT
#       Makes ROOT afresh with `mmdebstrap --variant=apt bookworm` from the
#       Debian mirror this machine's apt is configured with (the bookworm,
#       bookworm-updates and bookworm-security entries of
#       /etc/apt/sources.list and /etc/apt/sources.list.d/*.{list,sources}).
#   clean-root.sh run ROOT [--copy DIR TARGET] [--deb-cache DIR]...
#                          [--env NAME=VALUE]... -- COMMAND [ARG]...
#       Runs COMMAND as root inside ROOT, in /TARGET when --copy is given,
#       with a minimal login environment plus the --env variables, and
#       exits with its status.  ROOT is bind-mounted onto itself (so that
#       "/" is a mount point, as libvirt expects), /dev and /dev/pts are
#       the machine's, /proc, /sys, /dev/shm and /run are new.
#       --copy DIR TARGET  copies the files of the git checkout DIR that git
#                          would commit (tracked, modified, untracked but
#                          not ignored) to ROOT/TARGET, as a fresh clone.
#       --deb-cache DIR    hard-links DIR/*.deb into ROOT's apt cache (same
#                          file system only) so that apt need not download
#                          what this machine already has; apt still resolves
#                          every package and dependency from ROOT's own
#                          package lists.
#   clean-root.sh remove ROOT
#       Deletes ROOT, after checking that nothing is mounted under it.
#   clean-root.sh mounts ROOT
#       Prints the machine's mounts under ROOT (none, after any run).
#
# Everything a run mounts, and every process it starts (daemons included),
# lives in a mount and pid namespace of its own (unshare --kill-child):
# when the run ends, however it ends (even SIGKILL), the kernel kills those
# processes and drops those mounts, and the machine's /proc/mounts never
# shows them.  The run also unmounts them itself, in reverse order, on exit.
set -euo pipefail

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
SUITE=bookworm

die() { echo "clean-root: $*" >&2; exit 1; }
log() { echo "clean-root: $*" >&2; }

usage() {
    sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

# The machine's Debian apt sources for $SUITE, one "deb URI SUITE COMP..."
# line each (deb822 stanzas and one-line entries; disabled ones skipped).
host_sources() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        # "deb [options] URI SUITE COMPONENTS...": options dropped, the
        # root's own keyring signs the archive.
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
            awk -v s="$SUITE" '$1 == "deb" && $3 ~ "^" s "(-updates|-security)?$" {
                line = "deb " $2 " " $3
                for (i = 4; i <= NF; i++) line = line " " $i
                print line }'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v s="$SUITE" '
            function flush(   t, u, x, nt, nu, nx, i, j, k, types, uris, suites) {
                if (enabled != "no" && fields["types"] != "") {
                    nt = split(fields["types"], types, " ")
                    nu = split(fields["uris"], uris, " ")
                    nx = split(fields["suites"], suites, " ")
                    for (i = 1; i <= nt; i++) for (j = 1; j <= nu; j++)
                        for (k = 1; k <= nx; k++)
                            if (types[i] == "deb" &&
                                suites[k] ~ "^" s "(-updates|-security)?$")
                                print "deb " uris[j] " " suites[k] " " fields["components"]
                }
                delete fields; enabled = ""
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            /^[A-Za-z-]+:/ {
                key = tolower(substr($0, 1, index($0, ":") - 1))
                val = substr($0, index($0, ":") + 1)
                gsub(/^[ \t]+|[ \t]+$/, "", val)
                if (key == "enabled") enabled = tolower(val)
                else fields[key] = val
                next
            }
            END { flush() }' "$f"
    done
}

cmd_create() { # [--deb-cache DIR]... ROOT
    local sources t0=$SECONDS root hook='' dir
    local -a hookopt=()
    while [ $# -gt 1 ]; do
        case $1 in
            --deb-cache)
                # mmdebstrap keeps the .debs found in the cache before it
                # downloads, and empties the root's cache at the end.
                printf -v dir '%q' "$2"
                # shellcheck disable=SC2089 # a command line for mmdebstrap's sh
                hook="$hook find $dir -maxdepth 1 -name '*.deb' -exec cp -l -n -t \"\$1/var/cache/apt/archives/\" {} + 2>/dev/null;"
                shift 2 ;;
            *) usage ;;
        esac
    done
    root=$1
    [ "$(id -u)" = 0 ] || die "create needs root"
    command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed"
    if [ -e "$root" ] && [ -n "$(ls -A "$root" 2>/dev/null)" ]; then
        die "$root exists and is not empty (remove it first)"
    fi
    sources=$(host_sources)
    [ -n "$sources" ] || die "no $SUITE entries in /etc/apt/sources.list{,.d}"
    log "creating $root from:"
    sed 's/^/  /' <<<"$sources" >&2
    if [ -n "$hook" ]; then
        hookopt=("--setup-hook=mkdir -p \"\$1/var/cache/apt/archives\"; $hook true")
    fi
    local -a mirrors=()
    while IFS= read -r line; do mirrors+=("$line"); done <<<"$sources"
    # mmdebstrap mounts /dev, /proc and /sys inside while it works; in a
    # namespace of its own those mounts cannot outlive it.  The root is
    # thrown away after its run, so dpkg, there and in every later install
    # in it, does not sync each unpacked file (force-unsafe-io, kept in the
    # root's dpkg.cfg.d, as Debian's container images do).
    setpriv --pdeathsig KILL -- \
        unshare --mount --propagation private --pid --kill-child -- \
        mmdebstrap --quiet --variant=apt --mode=root "${hookopt[@]}" \
        --dpkgopt=force-unsafe-io \
        "$SUITE" "$root" "${mirrors[@]}"
    log "created $root in $((SECONDS - t0)) s"
}

# Mount points under ROOT in the calling process's namespace.
mounts_under() { # ROOT
    local root
    root=$(realpath -m "$1")
    awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts
}

cmd_mounts() { mounts_under "$1"; }

# Pids of the processes whose root directory is ROOT.
processes_in() { # ROOT
    local d
    for d in /proc/[0-9]*; do
        [ "$(readlink "$d/root" 2>/dev/null)" = "$1" ] && echo "${d#/proc/}"
    done
    return 0
}

cmd_remove() { # ROOT
    local root=$1 left
    [ -e "$root" ] || return 0
    left=$(mounts_under "$root")
    [ -z "$left" ] || die "still mounted under $root: $left"
    rm -rf --one-file-system "$root"
}

# Copies the checkout DIR as a fresh clone would have it.
copy_checkout() { # DIR DEST
    local src=$1 dest=$2
    git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1 ||
        die "$src is not a git checkout"
    mkdir -p "$dest"
    # Deleted but still tracked files are not there to copy.
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
        tar --null --no-recursion --ignore-failed-read -T - -cf - 2>/dev/null) |
        tar -C "$dest" -xf -
}

cmd_run() { # ROOT [options] -- COMMAND...
    local root=$1 copy_src='' copy_dest='' rc dir
    local -a envs=() caches=()
    shift
    while [ $# -gt 0 ]; do
        case $1 in
            --copy) copy_src=$2 copy_dest=${3#/}; shift 3 ;;
            --deb-cache) caches+=("$2"); shift 2 ;;
            --env) envs+=("$2"); shift 2 ;;
            --) shift; break ;;
            *) usage ;;
        esac
    done
    [ $# -gt 0 ] || usage
    [ "$(id -u)" = 0 ] || die "run needs root"
    root=$(realpath "$root")
    [ -x "$root/bin/sh" ] || die "$root is not a root file system (create it first)"
    if [ -n "$copy_src" ]; then
        rm -rf "${root:?}/$copy_dest"
        copy_checkout "$copy_src" "$root/$copy_dest"
    fi
    for dir in "${caches[@]}"; do
        [ -d "$dir" ] || continue
        mkdir -p "$root/var/cache/apt/archives"
        # A hard link where possible; a deb on another file system is
        # left for apt to download.
        find "$dir" -maxdepth 1 -name '*.deb' -exec \
            cp -l -n -t "$root/var/cache/apt/archives/" {} + 2>/dev/null || true
    done
    rc=0
    # setpriv: if this script is killed, even with SIGKILL, unshare is too,
    # and with it (--kill-child) the namespace's pid 1.
    setpriv --pdeathsig KILL -- \
        unshare --mount --propagation private --pid --kill-child -- \
        "$SELF" _inside "$root" "/$copy_dest" "${#envs[@]}" "${envs[@]}" "$@" || rc=$?
    # The namespace is gone with its last process, and its mounts with it.
    if [ -n "$(mounts_under "$root")" ]; then
        log "mounts left under $root:"; mounts_under "$root" >&2; rc=1
    fi
    if [ -n "$(processes_in "$root")" ]; then
        log "processes left in $root: $(processes_in "$root" | xargs)"; rc=1
    fi
    return "$rc"
}

# pid 1 of the run's pid namespace, in its own mount namespace.
MOUNTED=()
unmount_all() {
    local i
    # Whatever COMMAND left running (daemons) is killed first, so that
    # nothing keeps a mount busy; a mount still busy is detached lazily
    # (the namespace drops it anyway when this process exits).
    kill -KILL -1 2>/dev/null || true
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount "${MOUNTED[i]}" 2>/dev/null || umount -l "${MOUNTED[i]}" ||
            log "cannot unmount ${MOUNTED[i]}"
    done
    MOUNTED=()
}

mnt() { # mount args... (last is the mount point)
    mount "$@"
    MOUNTED+=("${!#}")
}

cmd_inside() { # ROOT WORKDIR NENV ENV... COMMAND...
    ROOT=$1
    local workdir=$2 nenv=$3 rc
    shift 3
    local -a envs=("${@:1:nenv}")
    shift "$nenv"
    trap unmount_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    mnt --bind "$ROOT" "$ROOT"
    mnt --bind /dev "$ROOT/dev"
    mnt --bind /dev/pts "$ROOT/dev/pts"
    mnt -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$ROOT/dev/shm"
    mnt -t proc -o nosuid,nodev,noexec proc "$ROOT/proc"
    mnt -t sysfs -o nosuid,nodev,noexec sysfs "$ROOT/sys"
    # A booted machine has its cgroup hierarchies mounted (systemd does it);
    # libvirt's LXC driver starts no container without them.
    if mountpoint -q /sys/fs/cgroup; then
        mnt --rbind /sys/fs/cgroup "$ROOT/sys/fs/cgroup"
    fi
    mnt -t tmpfs -o nosuid,nodev,mode=755 tmpfs "$ROOT/run"
    mkdir -p "$ROOT/run/lock"
    rc=0
    chroot "$ROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root \
        SHELL=/bin/bash TERM=dumb LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        "${envs[@]}" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$workdir" "$@" \
        </dev/null || rc=$?
    exit "$rc"
}

[ $# -ge 2 ] || usage
case $1 in
    create) shift; cmd_create "$@" ;;
    run) shift; cmd_run "$@" ;;
    remove) cmd_remove "$2" ;;
    mounts) cmd_mounts "$2" ;;
    _inside) shift; cmd_inside "$@" ;;
    *) usage ;;
esac
