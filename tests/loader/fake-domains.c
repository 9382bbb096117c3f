/*
 * fake-domains.c: builds the fake backends' domain set (see fake-domains.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "fake-domains.h"

fakeDomain fakeDomains[FAKE_NDOMAINS];

static void
fakeDomainSet(size_t i, bool active, int state, bool persistent,
              bool autostart, bool managedSave, int snapshots,
              int checkpoints)
{
    fakeDomain *d = &fakeDomains[i];

    memset(d, 0, sizeof(*d));
    snprintf(d->name, sizeof(d->name), "dom%03zu", i);
    /* A UUID that differs from every other one in its last bytes. */
    memset(d->uuid, 0xab, VIR_UUID_BUFLEN);
    d->uuid[14] = (unsigned char)(i >> 8);
    d->uuid[15] = (unsigned char)i;
    d->info.known = VIRTPLUG_GROUPS_ALL;
    d->info.active = active;
    d->info.id = active ? (int)i + 1 : -1;
    d->info.state = state;
    d->info.reason = state == VIR_DOMAIN_RUNNING ? VIR_DOMAIN_RUNNING_BOOTED :
                     0;
    d->info.persistent = persistent;
    d->info.autostart = autostart;
    d->info.managed_save = managedSave;
    d->info.snapshots = snapshots;
    d->info.checkpoints = checkpoints;
    d->title = i % 3 == 0 ? "a title" : NULL;
    d->description = i % 5 == 0 ? "a description" : NULL;
}

void
fakeDomainsInit(void)
{
    static const int activeStates[] = {
        VIR_DOMAIN_NOSTATE, VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED,
        VIR_DOMAIN_PAUSED, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_CRASHED,
        VIR_DOMAIN_PMSUSPENDED,
    };
    size_t i = 0, s;
    int kind, snap, ckpt, ms, as;

    for (s = 0; s < sizeof(activeStates) / sizeof(activeStates[0]); s++)
        for (kind = 0; kind < 3; kind++)
            for (snap = 0; snap < 2; snap++)
                for (ckpt = 0; ckpt < 2; ckpt++)
                    fakeDomainSet(i++, true, activeStates[s], kind < 2,
                                  kind == 0, false, snap, ckpt);
    for (ms = 0; ms < 2; ms++)
        for (as = 0; as < 2; as++)
            for (snap = 0; snap < 2; snap++)
                for (ckpt = 0; ckpt < 2; ckpt++)
                    fakeDomainSet(i++, false, VIR_DOMAIN_SHUTOFF, true,
                                  as, ms, snap, ckpt);
}
