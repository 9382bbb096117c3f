/*
 * vp-export.h: which of the library's functions are exported, and the
 * compiler attributes its private headers share.
 */
#ifndef VP_EXPORT_H
#define VP_EXPORT_H

/* The library is built with -fvisibility=hidden; only functions marked
 * VP_PUBLIC (and listed in libvirtplug.syms) are exported. */
#define VP_PUBLIC __attribute__((visibility("default")))

#define VP_ATTR_PRINTF(fmtpos, argpos) \
    __attribute__((format(printf, fmtpos, argpos)))

#endif /* VP_EXPORT_H */
