#!/bin/sh
# bash-completion.sh -- tools/completion/virtplug.bash completes commands,
# their options and -c URIs from the tool's own help.
#
# Environment: VIRTPLUG_TOOL, VIRTPLUG_SRCDIR.
set -u

TOOL=${VIRTPLUG_TOOL:-}
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
    echo "SKIP: VIRTPLUG_TOOL is not set to the virtplug command"
    exit 77
fi
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }
SCRIPT=${VIRTPLUG_SRCDIR:-.}/tools/completion/virtplug.bash

# complete WORDS...: the completions bash offers for the last word.
complete_words() {
    bash --norc --noprofile -c '
        . "$1" || exit 1
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        _virtplug
        [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' complete "$SCRIPT" "$TOOL" "$@"
}

failures=0
expect() {
    want=$1
    shift
    got=$(complete_words "$@" | sort | tr '\n' ' ')
    if [ "$got" = "$want" ]; then
        echo "ok: $* -> $got"
    else
        echo "FAIL: $*: got '$got', want '$want'"
        failures=$((failures + 1))
    fi
}

expect 'list ' l
expect 'domid domname domstate domuuid ' dom
expect 'backends ' -c test:///default b
expect '--all ' list --al
expect '--with-checkpoint --with-managed-save --with-snapshot ' list --with-
expect 'test:///default ' -c t
expect 'lxc:///system ' -c l
expect 'uri ' help u
expect '' list x

[ "$failures" -eq 0 ] || exit 1
echo "PASS: bash-completion"
