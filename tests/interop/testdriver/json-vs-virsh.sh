#!/bin/sh
# json-vs-virsh.sh -- `virtplug list --all --json` must describe the same
# domains as virsh: the same names, UUIDs and ids in the same order, the
# same states, and the same answers to the persistent, managed-save,
# snapshot and title questions.  Needs python3 to parse the JSON.
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_SRCDIR.  Skips (77) without virsh,
# python3 or the tool.
set -u

command -v virsh >/dev/null 2>&1 || { echo "SKIP: virsh not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
HERE=${VIRTPLUG_SRCDIR:+$VIRTPLUG_SRCDIR/tests/interop/testdriver}
HERE=${HERE:-$(dirname "$0")}

LC_ALL=C.UTF-8
export LC_ALL
unset VIRTPLUG_DEFAULT_URI LIBVIRT_DEFAULT_URI

WORK=$(mktemp -d "${TMPDIR:-/tmp}/json-vs-virsh.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT HUP INT TERM
sh "$HERE/gen-nodes.sh" "$WORK" || { echo "FAIL: gen-nodes.sh"; exit 1; }

failed=0
for node in "$WORK"/states.xml "$WORK"/names.xml "$WORK"/titles.xml "$WORK"/empty.xml; do
    uri="test://$node"
    if ! "$TOOL" -q -c "$uri" list --all --json >"$WORK/json"; then
        echo "FAIL: $uri: virtplug list --json failed"; failed=1; continue
    fi
    # what virsh knows, one file per question
    virsh -q -c "$uri" list --all --name >"$WORK/names"
    virsh -q -c "$uri" list --all --uuid >"$WORK/uuids"
    virsh -q -c "$uri" list --all --id --name >"$WORK/ids"
    virsh -q -c "$uri" list --all --persistent --name >"$WORK/persistent"
    virsh -q -c "$uri" list --all --with-managed-save --name >"$WORK/managed"
    virsh -q -c "$uri" list --all --with-snapshot --name >"$WORK/snap"
    : >"$WORK/states"
    : >"$WORK/titles"
    while IFS= read -r name; do
        [ -n "$name" ] || continue
        printf '%s\n' "$(virsh -q -c "$uri" domstate "$name")" >>"$WORK/states"
        # desc --title prints the title, or "No title for domain: ..." to stdout
        t=$(virsh -q -c "$uri" desc --title "$name" 2>/dev/null)
        case "$t" in "No title for domain"*) t="";; esac
        printf '%s\n' "$t" >>"$WORK/titles"
    done <"$WORK/names"

    if ! python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
def lines(n):
    with open(f"{w}/{n}", encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]
doms = json.load(open(f"{w}/json", encoding="utf-8"))
errs = []
def eq(what, got, want):
    if got != want:
        errs.append(f"{what}: virtplug {got!r} != virsh {want!r}")
eq("names", [d["name"] for d in doms], lines("names"))
eq("uuids", [d["uuid"] for d in doms], lines("uuids"))
eq("ids", [f'{"-" if d["id"] is None else d["id"]} {d["name"]}' for d in doms], lines("ids"))
eq("persistent", [d["name"] for d in doms if d["persistent"]], lines("persistent"))
eq("managed save", [d["name"] for d in doms if d["managed_save"]], lines("managed"))
eq("snapshots", [d["name"] for d in doms if d.get("snapshots", 0) > 0], lines("snap"))
eq("states", [d["state"] for d in doms], lines("states"))
with open(f"{w}/titles", encoding="utf-8") as f:
    want_titles = [l.rstrip("\n") for l in f]
eq("titles", [d.get("title", "") for d in doms], want_titles)
for d in doms:
    if set(d) - {"name", "uuid", "id", "state", "reason", "persistent", "autostart",
                 "managed_save", "snapshots", "checkpoints", "title"}:
        errs.append(f"unexpected member in {d}")
    if d.get("checkpoints", 0) != 0:
        errs.append(f"test driver domains have no checkpoints: {d}")
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
    then
        echo "FAIL: $uri"; failed=1
    else
        echo "ok: $uri"
    fi
done
exit $failed
