# The `virsh list` options whose output xen-list.sh checks, alone and with
# --all (sourced by xen-list.sh and gen-expected.sh).  The snapshot and
# checkpoint options are checked separately: xen refuses them.
XEN_LIST_OPTIONS="--inactive --persistent --transient --autostart
--no-autostart --with-managed-save --without-managed-save --managed-save
--state-running --state-paused --state-shutoff --state-other --name --uuid
--id --table --title"
XEN_REFUSED_OPTIONS="--with-snapshot --without-snapshot --with-checkpoint
--without-checkpoint"
