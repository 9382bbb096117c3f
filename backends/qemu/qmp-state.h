/*
 * qmp-state.h: QEMU run states (query-status) as libvirt states and reasons.
 */
#ifndef QMP_STATE_H
#define QMP_STATE_H

#include <stdbool.h>

/* Maps a query-status "status" to the virDomainState and reason libvirt's
 * QEMU driver shows for a domain whose QEMU reports it.  Returns true when
 * the status is one libvirt knows; an unknown status still gives an answer
 * (paused, reason unknown, as libvirt does) but returns false so that the
 * caller can warn. */
bool qmpStatusToState(const char *status, int *state, int *reason);

#endif /* QMP_STATE_H */
