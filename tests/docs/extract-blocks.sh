#!/bin/sh
# extract-blocks.sh GUIDE NAME: prints, in order, the fenced code blocks of
# the Markdown file GUIDE whose info string is "c NAME" (```c lxc-backend.c),
# which together are the file NAME (one empty line between two blocks).  The backend guide's examples are written
# this way, so that what a reader copies is what the tests build.
set -eu
awk -v name="$2" '
    /^```/ {
        if (fence) { fence = 0; ours = 0; next }
        fence = 1
        split(substr($0, 4), w, /[ \t]+/)
        if (w[1] == "c" && w[2] == name) {
            if (found) print ""
            ours = 1; found = 1
        }
        next
    }
    ours { print }
    END { if (!found) { print "no code block for " name > "/dev/stderr"; exit 1 } }
' "$1"
