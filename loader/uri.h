/*
 * uri.h: connection URIs as libvirt parses them.
 * Private to the loader (uri.c).
 */
#ifndef VP_URI_H
#define VP_URI_H

#include <virtplug/virtplug-backend.h>

typedef struct {
    virtplugURI uri;           /* what backends see; strings below */
    char *text;                /* the URI after alias resolution */
    char *scheme;
    char *server;
    char *path;
    virtplugURIParam *params;  /* names/values malloc'd */
} vpParsedURI;

/* Parses name (after alias resolution) into out; reports libvirt-like
 * errors and returns -1.  Release with vpURIClear. */
int vpURIParse(const char *name, vpParsedURI *out);
void vpURIClear(vpParsedURI *uri);
const char *vpURIParam(const virtplugURI *uri, const char *name);

#endif /* VP_URI_H */
