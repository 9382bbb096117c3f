/*
 * list-api.c: virConnectListAllDomains and the older listing calls, all on
 * the filter engine.  The older calls exist for clients written before
 * 0.9.13; they have the race the new call was made to fix only in that a
 * caller needs two of them, never inside one call.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "connect.h"
#include "domain-sink.h"
#include "domain.h"
#include "errors.h"
#include "filter.h"
#include "vp-export.h"

VP_PUBLIC int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                         unsigned int flags)
{
    virtplugDomainSink sink;
    virDomainPtr *list = NULL;
    int count;
    int i;

    virResetLastError();
    if (domains)
        *domains = NULL;
    if (vpConnectAcquire(conn, "virConnectListAllDomains") < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }

    vpSinkInit(&sink, vpFilterNeed(flags));
    if ((count = vpFilterCollect(conn, flags, &sink,
                                 "virConnectListAllDomains")) < 0)
        goto error;
    if (domains) {
        /* Each handle takes its record's strings and the record goes at
         * once, so that records and handles are not all held together. */
        vpSinkDropIndex(&sink);
        if (!(list = calloc((size_t)count + 1, sizeof(*list)))) {
            vpErrorReportOOM();
            goto error;
        }
        for (i = 0; i < count; i++) {
            if (!(list[i] = vpDomainNewTake(conn, sink.recs[i]))) {
                vpErrorReportOOM();
                goto error;
            }
            vpSinkRecordFree(&sink, (size_t)i);
        }
        *domains = list;
    }
    vpSinkClear(&sink);
    vpConnectRelease(conn);
    return count;

 error:
    if (list) {
        for (i = 0; list[i]; i++)
            vpDomainRelease(list[i]);
        free(list);
    }
    vpSinkClear(&sink);
    vpErrorDispatch(conn);
    vpConnectRelease(conn);
    return -1;
}

/* What an older call wants from the listing. */
typedef enum {
    VP_OLD_COUNT,              /* the number of domains */
    VP_OLD_IDS,                /* ids, up to max */
    VP_OLD_NAMES,              /* strdup'd names, up to max */
} vpOldMode;

/* Shared body of the four older calls.  Returns the count found (COUNT) or
 * filled (IDS, NAMES; a full array truncates, as in libvirt), or -1. */
static int
vpListOld(virConnectPtr conn, unsigned int flags, vpOldMode mode, void *out,
          int max, const char *func)
{
    virtplugDomainSink sink;
    int count, i, n = 0;
    int *ids = out;
    char **names = out;

    if (vpConnectAcquire(conn, func) < 0) {
        vpErrorDispatchTo(NULL);
        return -1;
    }
    vpSinkInit(&sink, vpFilterNeed(flags));
    if (mode != VP_OLD_COUNT) {
        const char *arg = mode == VP_OLD_IDS ? "ids" : "names";
        if (max < 0) {
            vpReportInvalidArg("%s in %s must be zero or greater",
                               mode == VP_OLD_IDS ? "maxids" : "maxnames",
                               func);
            goto error;
        }
        if (!out && max > 0) {
            vpReportInvalidArg("%s in %s must not be NULL", arg, func);
            goto error;
        }
    }
    if ((count = vpFilterCollect(conn, flags, &sink, func)) < 0)
        goto error;
    if (mode == VP_OLD_COUNT) {
        n = count;
    } else {
        for (i = 0; i < count && n < max; i++, n++) {
            if (mode == VP_OLD_IDS) {
                ids[n] = sink.recs[i]->info.id;
            } else if (!(names[n] = strdup(sink.recs[i]->name))) {
                while (n > 0)
                    free(names[--n]);
                vpErrorReportOOM();
                goto error;
            }
        }
    }
    vpSinkClear(&sink);
    vpConnectRelease(conn);
    return n;

 error:
    vpSinkClear(&sink);
    vpErrorDispatch(conn);
    vpConnectRelease(conn);
    return -1;
}

VP_PUBLIC int
virConnectNumOfDomains(virConnectPtr conn)
{
    virResetLastError();
    return vpListOld(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE, VP_OLD_COUNT,
                     NULL, 0, "virConnectNumOfDomains");
}

VP_PUBLIC int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    virResetLastError();
    return vpListOld(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE, VP_OLD_IDS, ids,
                     maxids, "virConnectListDomains");
}

VP_PUBLIC int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    virResetLastError();
    return vpListOld(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE, VP_OLD_COUNT,
                     NULL, 0, "virConnectNumOfDefinedDomains");
}

VP_PUBLIC int
virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                             int maxnames)
{
    virResetLastError();
    return vpListOld(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE, VP_OLD_NAMES,
                     names, maxnames, "virConnectListDefinedDomains");
}
