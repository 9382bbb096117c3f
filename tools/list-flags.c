/*
 * list-flags.c: virsh's flag construction for `list`.
 *
 * Active domains are the default; --inactive and --state-shutoff replace
 * that default by INACTIVE, --all by ACTIVE|INACTIVE; every other filter
 * switch adds its bit.  --table excludes --name, --uuid and --id (checked
 * in virsh's order, so that the same message wins); --json (virtplug's
 * own) excludes all of them.
 */
#include <config.h>

#include "list-flags.h"

#include <string.h>

#include <virtplug/virtplug.h>
#include <virtplug/virtplug-backend.h>

int
vpListModeBuild(const vpListSwitches *sw, vpListMode *mode, const char **err)
{
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;

    memset(mode, 0, sizeof(*mode));

    if (sw->inactive || sw->stateShutoff)
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (sw->all)
        flags = VIRTPLUG_GROUP_FLAGS_ACTIVE;

#define ADD(sw_, bit) do { if (sw_) flags |= (bit); } while (0)
    ADD(sw->persistent, VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    ADD(sw->transient, VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    ADD(sw->withManagedSave, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    ADD(sw->withoutManagedSave, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE);
    ADD(sw->autostart, VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
    ADD(sw->noAutostart, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART);
    ADD(sw->withSnapshot, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT);
    ADD(sw->withoutSnapshot, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT);
    ADD(sw->withCheckpoint, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT);
    ADD(sw->withoutCheckpoint, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT);
    ADD(sw->stateRunning, VIR_CONNECT_LIST_DOMAINS_RUNNING);
    ADD(sw->statePaused, VIR_CONNECT_LIST_DOMAINS_PAUSED);
    ADD(sw->stateShutoff, VIR_CONNECT_LIST_DOMAINS_SHUTOFF);
    ADD(sw->stateOther, VIR_CONNECT_LIST_DOMAINS_OTHER);
#undef ADD

    if (sw->table && sw->name) {
        *err = "Options --table and --name are mutually exclusive";
        return -1;
    }
    if (sw->table && sw->uuid) {
        *err = "Options --table and --uuid are mutually exclusive";
        return -1;
    }
    if (sw->table && sw->id) {
        *err = "Options --table and --id are mutually exclusive";
        return -1;
    }
    if (sw->json && (sw->table || sw->name || sw->uuid || sw->id)) {
        *err = sw->table ? "Options --json and --table are mutually exclusive" :
               sw->name ? "Options --json and --name are mutually exclusive" :
               sw->uuid ? "Options --json and --uuid are mutually exclusive" :
                          "Options --json and --id are mutually exclusive";
        return -1;
    }

    mode->flags = flags;
    mode->json = sw->json;
    mode->uuid = sw->uuid;
    mode->name = sw->name;
    mode->id = sw->id;
    mode->title = sw->title;
    mode->managedSave = sw->managedSave;
    mode->table = !sw->json && (sw->table || (!sw->uuid && !sw->name && !sw->id));
    return 0;
}
