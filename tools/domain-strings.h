/*
 * domain-strings.h: how domain states and reasons are spelled: virsh's
 * words for people, libvirt's enum names for JSON.
 */
#ifndef VIRTPLUG_TOOL_DOMAIN_STRINGS_H
#define VIRTPLUG_TOOL_DOMAIN_STRINGS_H

/* virsh's word for a state ("shut off", "idle", ...); "no state" if unknown. */
const char *vpStateString(int state);
/* virsh's words for a reason ("booted", "I/O error", ...); "unknown" if unknown. */
const char *vpReasonString(int state, int reason);
/* The libvirt enum name of a reason without its prefix, lower case
 * (VIR_DOMAIN_PAUSED_FROM_SNAPSHOT -> "from_snapshot"); NULL if the
 * state/reason pair has no name. */
const char *vpReasonEnumName(int state, int reason);

#endif /* VIRTPLUG_TOOL_DOMAIN_STRINGS_H */
