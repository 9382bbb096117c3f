#!/bin/sh
# no-generated-in-git.sh: no file that .gitignore names as generated (libtool's
# ltmain.sh, autoheader's config.h.in~, built programs) is tracked by git.
# A tracked generated file goes stale silently and makes every regeneration a
# spurious diff.  Skips outside a git checkout (release tarballs).
set -u
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v git > /dev/null 2>&1 ||
   ! git -C "$srcdir" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    echo "SKIP: $srcdir is not a git checkout"
    exit 77
fi
tracked=$(git -C "$srcdir" ls-files --cached --ignored --exclude-standard)
if [ -n "$tracked" ]; then
    echo "FAIL: generated files tracked by git:"
    printf '  %s\n' $tracked
    exit 1
fi
echo "no generated file is tracked"
exit 0
