/*
 * list-flags.h: from `list` options to virConnectListAllDomains() flags and
 * output modes, exactly as virsh 9.0 builds them.
 */
#ifndef VIRTPLUG_TOOL_LIST_FLAGS_H
#define VIRTPLUG_TOOL_LIST_FLAGS_H

#include <stdbool.h>

/* The switches given on the command line. */
typedef struct {
    bool inactive, all;
    bool persistent, transient;
    bool autostart, noAutostart;
    bool withSnapshot, withoutSnapshot;
    bool withCheckpoint, withoutCheckpoint;
    bool withManagedSave, withoutManagedSave;
    bool stateRunning, statePaused, stateShutoff, stateOther;
    bool managedSave;
    bool name, uuid, id, table, title, json;
} vpListSwitches;

typedef struct {
    unsigned int flags;     /* for virConnectListAllDomains */
    bool table;             /* table output (the default) */
    bool json;
    bool uuid, name, id;    /* line output: these fields, in uuid/id/name order */
    bool title;             /* table: Title column */
    bool managedSave;       /* table: "saved" for shut-off domains with an image */
} vpListMode;

/* Fills *mode from *sw.  Returns 0, or -1 with *err set to a static
 * message (virsh's text for conflicting options). */
int vpListModeBuild(const vpListSwitches *sw, vpListMode *mode,
                    const char **err);

#endif /* VIRTPLUG_TOOL_LIST_FLAGS_H */
