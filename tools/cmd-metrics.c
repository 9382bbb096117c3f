/*
 * cmd-metrics.c: `virtplug metrics [-c URI]... [--textfile FILE]`: the
 * Prometheus text exposition of one or more URIs, on stdout or written
 * atomically for node_exporter's textfile collector.
 *
 * A URI that cannot be listed is reported on stderr and in the output
 * (virtplug_up 0); the command still succeeds, so that a textfile keeps
 * being refreshed while one hypervisor is away.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics-collect.h"
#include "metrics-render.h"
#include "textfile.h"
#include "tool.h"

const vpOptDef vpOptsOwnWords[] = {
    { NULL, VP_OPT_BOOL, false, NULL },
};

/* Parses the command's words; the URIs point into argv.  Returns 0 or -1
 * after an error message. */
static int
parseArgs(const vpCmd *cmd, const char ***uris, size_t *nuris,
          const char **textfile)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "textfile", required_argument, NULL, 't' },
        { NULL, 0, NULL, 0 },
    };
    int c, i;

    *textfile = NULL;
    *nuris = 0;
    if (!(*uris = calloc((size_t)cmd->argc + 1, sizeof(**uris)))) {
        vpError("out of memory");
        return -1;
    }
    optind = 0;     /* GNU getopt: start afresh on these words */
    opterr = 0;
    while ((c = getopt_long(cmd->argc, cmd->argv, "+:c:", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            /* the same URI twice would give duplicate series */
            for (i = 0; (size_t)i < *nuris; i++)
                if (strcmp((*uris)[i], optarg) == 0)
                    break;
            if ((size_t)i == *nuris)
                (*uris)[(*nuris)++] = optarg;
            break;
        case 't':
            *textfile = optarg;
            break;
        case ':':
            vpError("option '%s' requires an argument", cmd->argv[optind - 1]);
            return -1;
        default:
            vpError("command 'metrics' doesn't support option %s",
                    cmd->argv[optind - 1]);
            return -1;
        }
    }
    if (optind < cmd->argc) {
        vpError("unexpected data '%s'", cmd->argv[optind]);
        return -1;
    }
    return 0;
}

bool
vpCmdMetrics(vpCtl *ctl, const vpCmd *cmd)
{
    const char **uris = NULL;
    const char *textfile;
    vpMetricsSnapshot snap;
    vpStrBuf buf = VP_STRBUF_INIT;
    size_t nuris, h;
    char *text;
    bool ok = false;

    /* the output is a file format: no trailing blank line */
    ctl->quiet = true;
    if (parseArgs(cmd, &uris, &nuris, &textfile) < 0)
        goto out;
    if (nuris == 0 && ctl->uri)
        uris[nuris++] = ctl->uri;

    if (vpMetricsCollect(uris, nuris, &snap) < 0) {
        vpError("out of memory");
        goto out;
    }
    for (h = 0; h < snap.nhosts; h++) {
        if (!snap.hosts[h].up)
            fprintf(stderr, "warning: %s: %s\n", snap.hosts[h].uri,
                    snap.hosts[h].error ? snap.hosts[h].error : "down");
    }
    vpMetricsRender(&snap, &buf);
    vpMetricsFree(&snap);
    if (!(text = vpStrBufSteal(&buf))) {
        vpError("out of memory");
        goto out;
    }
    if (textfile) {
        if (vpTextfileWrite(textfile, text, strlen(text)) < 0)
            vpError("cannot write %s: %s", textfile, strerror(errno));
        else
            ok = true;
    } else {
        fputs(text, stdout);
        ok = true;
    }
    free(text);

 out:
    free(uris);
    return ok;
}
