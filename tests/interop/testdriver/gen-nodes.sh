#!/bin/sh
# gen-nodes.sh DIR -- write libvirt test-driver node files into DIR for the
# virsh comparison (list-vs-virsh.sh).  Deterministic: same files every run.
#
#   states.xml  every runstate 0-7, transient running/paused, managed save,
#               snapshots (inline, each with its <domain>), titles
#   names.xml   long (200 characters) and non-ASCII names (accents, CJK,
#               emoji: display width), mixed case for the name sort
#   titles.xml  titles with trailing spaces, a tab, "\x", wide characters,
#               characters that are not printable or have no width
#   empty.xml   no domain at all
#   many.xml    500 domains in a mix of states
set -eu
DIR=${1:?usage: gen-nodes.sh DIR}
NS="xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"
BODY="<memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='i686'>hvm</type></os>"

# dom NAME UUID EXTRA [TITLE]: one domain element
dom() {
    t=""
    [ -n "${4-}" ] && t="<title>$4</title>"
    printf "  <domain type='test'><name>%s</name><uuid>%s</uuid>%s%s%s</domain>\n" \
        "$1" "$2" "$t" "$BODY" "$3"
}

# snap NAME UUID SNAPNAME STATE: one inline snapshot with its domain
snap() {
    printf "<test:domainsnapshot><name>%s</name><state>%s</state><creationTime>1700000000</creationTime><memory snapshot='no'/><domain type='test'><name>%s</name><uuid>%s</uuid>%s</domain><active>1</active></test:domainsnapshot>" \
        "$3" "$4" "$1" "$2" "$BODY"
}

rs() { printf '<test:runstate>%s</test:runstate>' "$1"; }

u() { printf 'c0000000-0000-4000-8000-%012d' "$1"; }

{
    echo "<node $NS>"
    dom s-nostate "$(u 1)" "$(rs 0)"
    dom s-running "$(u 2)" "$(rs 1)" "Running machine"
    dom s-blocked "$(u 3)" "$(rs 2)"
    dom s-paused "$(u 4)" "$(rs 3)"
    dom s-shutdown "$(u 5)" "$(rs 4)"
    dom s-shutoff "$(u 6)" "$(rs 5)" "Stopped  "
    dom s-crashed "$(u 7)" "$(rs 6)"
    dom s-pmsuspended "$(u 8)" "$(rs 7)"
    dom s-transient "$(u 9)" "<test:transient/>" "a transient one"
    dom s-transient-paused "$(u 10)" "$(rs 3)<test:transient/>"
    dom s-managedsave "$(u 11)" "$(rs 5)<test:hasmanagedsave/>" "saved state"
    dom s-snap-off "$(u 12)" "$(rs 5)$(snap s-snap-off "$(u 12)" s1 shutoff)"
    dom s-snap-run "$(u 13)" "$(snap s-snap-run "$(u 13)" live running)"
    dom S-Upper "$(u 14)" "$(rs 5)"
    dom s-lower "$(u 15)" "$(rs 5)"
    echo "</node>"
} >"$DIR/states.xml"

long=$(printf '%0200d' 0 | tr 0 L)
{
    echo "<node $NS>"
    dom "$long" "$(u 101)" ""
    dom "caf$(printf '\303\251')-na$(printf '\303\257')ve" "$(u 102)" ""
    dom "$(printf '\346\227\245\346\234\254\350\252\236')-vm" "$(u 103)" "$(rs 3)"
    dom "emoji-$(printf '\360\237\230\200')" "$(u 104)" "$(rs 5)"
    dom "$(printf '\316\251mega')" "$(u 105)" "$(rs 5)"
    dom "Zulu" "$(u 106)" "$(rs 5)"
    dom "alpha" "$(u 107)" "$(rs 5)"
    dom "Bravo" "$(u 108)" "$(rs 5)<test:hasmanagedsave/>"
    dom "x" "$(u 109)" ""
    echo "</node>"
} >"$DIR/names.xml"

{
    echo "<node $NS>"
    dom t-trailing "$(u 201)" "" "trailing   "
    dom t-tab "$(u 202)" "" "$(printf 'a\tb')"
    dom t-backslash-x "$(u 203)" "$(rs 5)" 'back\x41slash'
    dom t-wide "$(u 204)" "$(rs 3)" "$(printf '\344\270\255\346\226\207 title')"
    dom t-none "$(u 205)" "$(rs 5)"
    dom t-amp "$(u 206)" "" "a &amp; b &lt;c&gt;"
    # U+0085 is not printable: virsh escapes it byte by byte (as \xff on
    # signed-char hosts); zero-width space, soft hyphen, RLO and DEL
    dom "t-nel$(printf '\302\205')x" "$(u 207)" "" \
        "z$(printf '\342\200\213')w$(printf '\302\255')s$(printf '\342\200\256')r&#x7f;"
    echo "</node>"
} >"$DIR/titles.xml"

echo "<node $NS></node>" >"$DIR/empty.xml"

awk -v ns="$NS" -v body="$BODY" 'BEGIN {
    print "<node " ns ">";
    for (i = 0; i < 500; i++) {
        name = sprintf("many-%04d", (i * 7919) % 500);
        uuid = sprintf("d0000000-0000-4000-8000-%012d", i);
        m = i % 10; extra = "";
        if (m <= 2)      extra = "<test:runstate>5</test:runstate>";
        else if (m == 3) extra = "<test:runstate>5</test:runstate><test:hasmanagedsave/>";
        else if (m == 4) extra = "<test:runstate>5</test:runstate><test:domainsnapshot><name>s1</name><state>shutoff</state><creationTime>1700000000</creationTime><memory snapshot=\047no\047/><domain type=\047test\047><name>" name "</name><uuid>" uuid "</uuid>" body "</domain><active>1</active></test:domainsnapshot>";
        else if (m == 5) extra = "<test:runstate>3</test:runstate>";
        else if (m == 6) extra = "<test:transient/>";
        else if (m == 7) extra = "<test:runstate>" (i % 3 == 0 ? 0 : i % 3 == 1 ? 6 : 7) "</test:runstate>";
        printf "  <domain type=\047test\047><name>%s</name><uuid>%s</uuid>%s%s</domain>\n", name, uuid, body, extra;
    }
    print "</node>";
}' >"$DIR/many.xml"
