/*
 * list-json.c: `list --json`: one JSON object per listed domain.
 *
 * Every member but name, id, state and reason comes from a per-domain
 * query; when the backend cannot answer one (VIR_ERR_NO_SUPPORT, for
 * example snapshots on Xen) or the query fails, the member is left out
 * rather than guessed.  A domain whose state cannot be read any more (it
 * vanished since the listing) is skipped, as in the table.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "domain-strings.h"
#include "json-writer.h"
#include "list-json.h"
#include "tool.h"

/* Writes "key": count, or nothing when the backend cannot tell (or the
 * query failed: the field is optional by contract). */
static void
jsonCount(vpJsonWriter *w, const char *key, int count)
{
    if (count >= 0) {
        vpJsonKey(w, key);
        vpJsonInt(w, count);
    }
    virResetLastError();
}

static void
jsonBoolQuery(vpJsonWriter *w, const char *key, int value)
{
    if (value >= 0) {
        vpJsonKey(w, key);
        vpJsonBool(w, value > 0);
    }
    virResetLastError();
}

static bool
jsonDomain(vpJsonWriter *w, virDomainPtr dom)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id = virDomainGetID(dom);
    int state, reason, autostart;
    const char *rname;
    char *title;

    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        virResetLastError();
        return false;
    }

    vpJsonBeginObject(w);
    vpJsonKey(w, "name");
    vpJsonString(w, virDomainGetName(dom));
    if (virDomainGetUUIDString(dom, uuid) == 0) {
        vpJsonKey(w, "uuid");
        vpJsonString(w, uuid);
    }
    vpJsonKey(w, "id");
    if (id == (unsigned int) -1)
        vpJsonNull(w);
    else
        vpJsonInt(w, id);
    vpJsonKey(w, "state");
    vpJsonString(w, vpStateString(state));
    vpJsonKey(w, "reason");
    if ((rname = vpReasonEnumName(state, reason)))
        vpJsonString(w, rname);
    else
        vpJsonInt(w, reason);

    jsonBoolQuery(w, "persistent", virDomainIsPersistent(dom));
    jsonBoolQuery(w, "autostart",
                  virDomainGetAutostart(dom, &autostart) < 0 ? -1 : autostart);
    jsonBoolQuery(w, "managed_save", virDomainHasManagedSaveImage(dom, 0));
    jsonCount(w, "snapshots", virDomainSnapshotNum(dom, 0));
    jsonCount(w, "checkpoints", virDomainListAllCheckpoints(dom, NULL, 0));

    if ((title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0))) {
        if (*title) {
            vpJsonKey(w, "title");
            vpJsonString(w, title);
        }
        free(title);
    }
    virResetLastError();
    vpJsonEndObject(w);
    return true;
}

bool
vpListPrintJson(virDomainPtr *doms, int n)
{
    vpStrBuf buf = VP_STRBUF_INIT;
    vpJsonWriter w;
    char *out;
    int i;
    bool any = false;

    vpJsonInit(&w, &buf);
    vpJsonBeginArray(&w);
    for (i = 0; i < n; i++) {
        vpStrBuf row = VP_STRBUF_INIT;
        vpJsonWriter rw;
        char *text;

        /* one object per line: each object is written on its own */
        vpJsonInit(&rw, &row);
        if (!jsonDomain(&rw, doms[i])) {
            vpStrBufClear(&row);
            continue;
        }
        if (!(text = vpStrBufSteal(&row)))
            break;
        vpStrBufAdd(&buf, any ? ",\n  " : "\n  ");
        vpStrBufAdd(&buf, text);
        free(text);
        any = true;
    }
    if (any)
        vpJsonNewline(&w);
    vpJsonEndArray(&w);
    vpJsonNewline(&w);

    if (!(out = vpStrBufSteal(&buf))) {
        vpError("out of memory");
        return false;
    }
    fputs(out, stdout);
    free(out);
    return true;
}
