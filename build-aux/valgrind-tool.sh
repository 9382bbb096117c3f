#!/bin/sh
# valgrind-tool.sh: stands in for tools/virtplug in the shell tests of a
# valgrind run (check-all.sh sets VIRTPLUG_TOOL to this script), so that
# every tool invocation a test makes runs under valgrind.
#
# Environment:
#   VIRTPLUG_REAL_TOOL         the libtool-built tool (tools/virtplug)
#   VIRTPLUG_BUILDDIR          the build tree (for its libtool)
#   VIRTPLUG_VALGRIND_LOGDIR   where each run's report goes; a non-empty
#                              file there is a valgrind error
#
# valgrind writes to a log file, not stderr, because tests compare the
# tool's stderr byte for byte; the runner fails on any non-empty log.  The
# tool's own exit status is kept unless valgrind found an error (then 99,
# which no test expects).
: "${VIRTPLUG_REAL_TOOL:?}" "${VIRTPLUG_BUILDDIR:?}" "${VIRTPLUG_VALGRIND_LOGDIR:?}"
mkdir -p "$VIRTPLUG_VALGRIND_LOGDIR"
exec "$VIRTPLUG_BUILDDIR/libtool" --mode=execute \
    valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --track-fds=no \
    --log-file="$VIRTPLUG_VALGRIND_LOGDIR/virtplug.%p.log" \
    "$VIRTPLUG_REAL_TOOL" "$@"
