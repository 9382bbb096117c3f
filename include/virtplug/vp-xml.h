/*
 * vp-xml.h: parsing untrusted XML for backends, with libxml2.
 *
 * Parsing never touches the network, never substitutes entities, never loads
 * a DTD and keeps libxml2's default size and depth limits (no XML_PARSE_HUGE).
 */
#ifndef VP_XML_H
#define VP_XML_H

#include <stddef.h>
#include <libxml/tree.h>

#include <virtplug/virtplug-backend.h>

/* Parses buf[0..len) (file name used in messages).  Returns a document the
 * caller frees with xmlFreeDoc, or NULL after a warning naming the file and
 * libxml2's message through host->warn(). */
xmlDocPtr vpXmlParse(const virtplugHost *host, int from, const char *buf,
                     size_t len, const char *filename);

/* The first child element of `node` with this local name, or NULL. */
xmlNodePtr vpXmlChild(xmlNodePtr node, const char *name);
/* The first child element with this local name in namespace `ns_href`. */
xmlNodePtr vpXmlChildNs(xmlNodePtr node, const char *ns_href, const char *name);
/* The text content of the first child element `name`, trimmed, malloc'd
 * (caller frees), or NULL if absent. */
char *vpXmlChildText(xmlNodePtr node, const char *name);
/* An attribute value, malloc'd (caller frees), or NULL. */
char *vpXmlProp(xmlNodePtr node, const char *name);

/* The text content of `node` itself (text and
 * CDATA of its descendants, entity references not expanded), NOT trimmed,
 * malloc'd (caller frees); "" when it has none; NULL only when out of
 * memory or node is NULL.  For values that libvirt reads untrimmed, such as
 * domain names and titles. */
char *vpXmlNodeText(xmlNodePtr node);

#endif /* VP_XML_H */
