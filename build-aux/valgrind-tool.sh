#!/bin/sh
# valgrind-tool.sh: stands in for tools/virtplug in the shell tests of a
# valgrind run (check-all.sh sets VIRTPLUG_TOOL to this script), so that
# the tool invocations a test makes run under valgrind.
#
# Environment:
#   VIRTPLUG_REAL_TOOL         the libtool-built tool (tools/virtplug)
#   VIRTPLUG_BUILDDIR          the build tree (for its libtool)
#   VIRTPLUG_VALGRIND_LOGDIR   where each run's report goes; a non-empty
#                              file there is a valgrind error
#   VIRTPLUG_VALGRIND_SAMPLE   N: run only about one invocation in N under
#                              valgrind, chosen by a checksum of the
#                              arguments (scratch paths left out) so that
#                              every kind of call gets its share and a
#                              rerun picks the same ones; the others run the tool directly.
#                              Default 1 (all).  Tests that loop over
#                              options x node files call the tool hundreds
#                              of times, at ~1 s each under valgrind.
#
# valgrind writes to a log file, not stderr, because tests compare the
# tool's stderr byte for byte; the runner fails on any non-empty log.  The
# tool's own exit status is kept unless valgrind found an error (then 99,
# which no test expects).
: "${VIRTPLUG_REAL_TOOL:?}" "${VIRTPLUG_BUILDDIR:?}" "${VIRTPLUG_VALGRIND_LOGDIR:?}"
sample=${VIRTPLUG_VALGRIND_SAMPLE:-1}
if [ "$sample" -gt 1 ]; then
    # Scratch directories differ on every run; leave them out of the
    # checksum so that a rerun samples the same invocations.
    sum=$(printf '%s\n' "$@" | sed -E 's#/(var/)?tmp/[^/]+#/TMP#g' |
          cksum | cut -d' ' -f1)
    if [ $((sum % sample)) -ne 0 ]; then
        # Straight, not through libtool's wrapper (see tools/Makefile.inc).
        direct=$VIRTPLUG_BUILDDIR/tests/common/virtplug-uninstalled
        [ -x "$direct" ] || direct=$VIRTPLUG_REAL_TOOL
        exec "$direct" "$@"
    fi
fi
mkdir -p "$VIRTPLUG_VALGRIND_LOGDIR"
exec "$VIRTPLUG_BUILDDIR/libtool" --mode=execute \
    valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --track-fds=no \
    --log-file="$VIRTPLUG_VALGRIND_LOGDIR/virtplug.%p.log" \
    "$VIRTPLUG_REAL_TOOL" "$@"
