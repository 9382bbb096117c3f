/*
 * qmp-state.c: QEMU run states as libvirt states and reasons.
 *
 * libvirt asks query-status when it reconnects to a QEMU and derives the
 * domain state from "status" (qemuMonitorVMStatusToPausedReason and
 * qemuProcessUpdateState).  The net effect is reproduced here:
 *  - running: running.  libvirt's reason depends on what it believed
 *    before; a standalone QEMU has no history, so the reason is "unpaused",
 *    which is what libvirt recorded when it attached to a QEMU it had not
 *    started;
 *  - shutdown (with -no-shutdown): shut down, reason unknown;
 *  - guest-panicked: crashed, reason panicked;
 *  - every other status: paused with the matching paused reason; the
 *    statuses libvirt does not know (suspended, colo, anything newer) are
 *    paused, reason unknown.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include <virtplug/virtplug-backend.h>
#include "qmp-state.h"

typedef struct {
    const char *status;
    int state;
    int reason;
} qmpStateRow;

static const qmpStateRow qmpStateTable[] = {
    { "running", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED },
    { "paused", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER },
    { "prelaunch", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER },
    { "inmigrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION },
    { "postmigrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION },
    { "finish-migrate", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION },
    { "io-error", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_IOERROR },
    { "save-vm", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SAVE },
    { "watchdog", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_WATCHDOG },
    { "debug", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "internal-error", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "restore-vm", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "shutdown", VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_UNKNOWN },
    { "guest-panicked", VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED },
};

bool
qmpStatusToState(const char *status, int *state, int *reason)
{
    size_t i;

    for (i = 0; i < sizeof(qmpStateTable) / sizeof(qmpStateTable[0]); i++) {
        if (strcmp(status, qmpStateTable[i].status) == 0) {
            *state = qmpStateTable[i].state;
            *reason = qmpStateTable[i].reason;
            return true;
        }
    }
    *state = VIR_DOMAIN_PAUSED;
    *reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    return false;
}
