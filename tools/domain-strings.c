/*
 * domain-strings.c: state and reason spellings (see domain-strings.h).
 * The tables follow the enum order of include/virtplug/virtplug.h.
 */
#include <config.h>

#include "domain-strings.h"

#include <stddef.h>

#include <virtplug/virtplug.h>

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const stateWords[] = {
    "no state", "running", "idle", "paused", "in shutdown", "shut off",
    "crashed", "pmsuspended",
};

typedef struct {
    const char *const *words;   /* virsh */
    const char *const *names;   /* enum names */
    size_t n;
} reasonTable;

static const char *const unknownWords[] = { "unknown" };
static const char *const unknownNames[] = { "unknown" };

static const char *const runningWords[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed",
    "post-copy", "post-copy failed",
};
static const char *const runningNames[] = {
    "unknown", "booted", "migrated", "restored", "from_snapshot", "unpaused",
    "migration_canceled", "save_canceled", "wakeup", "crashed", "postcopy",
    "postcopy_failed",
};
static const char *const pausedWords[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error",
    "watchdog", "from snapshot", "shutting down", "creating snapshot",
    "crashed", "starting up", "post-copy", "post-copy failed", "api error",
};
static const char *const pausedNames[] = {
    "unknown", "user", "migration", "save", "dump", "ioerror", "watchdog",
    "from_snapshot", "shutting_down", "snapshot", "crashed", "starting_up",
    "postcopy", "postcopy_failed", "api_error",
};
static const char *const shutdownWords[] = { "unknown", "user" };
static const char *const shutdownNames[] = { "unknown", "user" };
static const char *const shutoffWords[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
    "failed", "from snapshot", "daemon",
};
static const char *const shutoffNames[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
    "failed", "from_snapshot", "daemon",
};
static const char *const crashedWords[] = { "unknown", "panicked" };
static const char *const crashedNames[] = { "unknown", "panicked" };

#define TABLE(w, n) { w, n, N_ELEM(w) }

static const reasonTable reasonTables[] = {
    [VIR_DOMAIN_NOSTATE] = TABLE(unknownWords, unknownNames),
    [VIR_DOMAIN_RUNNING] = TABLE(runningWords, runningNames),
    [VIR_DOMAIN_BLOCKED] = TABLE(unknownWords, unknownNames),
    [VIR_DOMAIN_PAUSED] = TABLE(pausedWords, pausedNames),
    [VIR_DOMAIN_SHUTDOWN] = TABLE(shutdownWords, shutdownNames),
    [VIR_DOMAIN_SHUTOFF] = TABLE(shutoffWords, shutoffNames),
    [VIR_DOMAIN_CRASHED] = TABLE(crashedWords, crashedNames),
    [VIR_DOMAIN_PMSUSPENDED] = TABLE(unknownWords, unknownNames),
};

_Static_assert(N_ELEM(runningWords) == N_ELEM(runningNames), "running");
_Static_assert(N_ELEM(pausedWords) == N_ELEM(pausedNames), "paused");
_Static_assert(N_ELEM(shutoffWords) == N_ELEM(shutoffNames), "shutoff");

const char *
vpStateString(int state)
{
    if (state < 0 || (size_t) state >= N_ELEM(stateWords))
        return "no state";
    return stateWords[state];
}

static const reasonTable *
tableFor(int state, int reason)
{
    if (state < 0 || (size_t) state >= N_ELEM(reasonTables) || reason < 0 ||
        (size_t) reason >= reasonTables[state].n)
        return NULL;
    return &reasonTables[state];
}

const char *
vpReasonString(int state, int reason)
{
    const reasonTable *t = tableFor(state, reason);
    return t ? t->words[reason] : "unknown";
}

const char *
vpReasonEnumName(int state, int reason)
{
    const reasonTable *t = tableFor(state, reason);
    return t ? t->names[reason] : NULL;
}
