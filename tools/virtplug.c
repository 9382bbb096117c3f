/*
 * virtplug.c: the virtplug command: global options, the command table,
 * connection and dispatch.
 *
 *   virtplug [-c URI] [-r] [-q] COMMAND [OPTIONS]
 *
 * Output follows virsh byte for byte where virsh has the same command:
 * results on stdout followed by one blank line (unless -q) once a command
 * has run, even when it failed; errors on stderr as "error: ..."; exit
 * status 0 on success, 1 on any failure.
 */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const vpOptDef optsDomain[] = {
    { "domain", VP_OPT_DATA, true, "domain name, id or uuid" },
    { NULL, VP_OPT_BOOL, false, NULL },
};

static const vpOptDef optsDomState[] = {
    { "domain", VP_OPT_DATA, true, "domain name, id or uuid" },
    { "reason", VP_OPT_BOOL, false, "also print reason for the state" },
    { NULL, VP_OPT_BOOL, false, NULL },
};

static const vpOptDef optsDomName[] = {
    { "domain", VP_OPT_DATA, true, "domain id or uuid" },
    { NULL, VP_OPT_BOOL, false, NULL },
};

static const vpOptDef optsHelp[] = {
    { "command", VP_OPT_DATA, false, "command name" },
    { NULL, VP_OPT_BOOL, false, NULL },
};

static const vpOptDef optsNone[] = {
    { NULL, VP_OPT_BOOL, false, NULL },
};

const vpCmdDef vpCommands[] = {
    { "list", vpCmdList, vpOptsList, true, "list domains",
      "Returns list of domains." },
    { "domstate", vpCmdDomState, optsDomState, true, "domain state",
      "Returns state about a domain." },
    { "domid", vpCmdDomId, optsDomain, true,
      "convert a domain name or UUID to domain id", "Convert a domain name or UUID to domain id" },
    { "domname", vpCmdDomName, optsDomName, true,
      "convert a domain id or UUID to domain name", "Convert a domain id or UUID to domain name" },
    { "domuuid", vpCmdDomUUID, optsDomain, true,
      "convert a domain name or id to domain UUID", "Convert a domain name or id to domain UUID" },
    { "uri", vpCmdUri, optsNone, true, "print the hypervisor canonical URI",
      "Print the URI of the connection." },
    { "version", vpCmdVersion, optsNone, true, "show version",
      "Display the library version and the connection's backend type and version." },
    { "backends", vpCmdBackends, optsNone, false, "list backend modules",
      "List every backend module in the backend directory: its path, name, "
      "ABI version, URI schemes and filter groups, or why it was skipped." },
    { "metrics", vpCmdMetrics, vpOptsOwnWords, false,
      "print Prometheus metrics of one or more URIs",
      "Usage: metrics [-c URI]... [--textfile FILE]\n"
      "Lists every URI given with -c (none: every installed backend whose "
      "probe finds its hypervisor) and prints the Prometheus text "
      "exposition format 0.0.4, or with --textfile writes it atomically to "
      "FILE for node_exporter's textfile collector." },
    { "help", vpCmdHelp, optsHelp, false, "print help",
      "Prints global help, command specific help." },
    { NULL, NULL, NULL, false, NULL, NULL },
};

const vpCmdDef *
vpCommandLookup(const char *name)
{
    size_t i;

    for (i = 0; vpCommands[i].name; i++) {
        if (strcmp(vpCommands[i].name, name) == 0)
            return &vpCommands[i];
    }
    return NULL;
}

/* The library would print errors itself without a handler; the tool
 * reports them (virsh style) instead, and shows only warnings here. */
static void
errorHandler(void *opaque, virErrorPtr err)
{
    const vpCtl *ctl = opaque;

    if (err && err->level == VIR_ERR_WARNING && !ctl->quiet && err->message)
        fprintf(stderr, "warning: %s\n", err->message);
}

static void
usage(FILE *out)
{
    fprintf(out, "Usage: virtplug [-c URI] [-r] [-q] COMMAND [OPTIONS]\n"
                 "Run 'virtplug help' for the list of commands.\n");
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "readonly", no_argument, NULL, 'r' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    vpCtl ctl = { NULL, false, false, NULL };
    const vpCmdDef *def;
    vpCmd cmd;
    bool ok;
    int c;

    setlocale(LC_ALL, "");
    opterr = 0;     /* getopt's messages would not be virsh's */

    while ((c = getopt_long(argc, argv, "+:c:rqhv", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            ctl.uri = optarg;
            break;
        case 'r':
            ctl.readonly = true;
            break;
        case 'q':
            ctl.quiet = true;
            break;
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        case 'v':
            printf("%d.%d.%d\n", VIRTPLUG_VERSION_MAJOR,
                   VIRTPLUG_VERSION_MINOR, VIRTPLUG_VERSION_MICRO);
            return EXIT_SUCCESS;
        case ':':
            vpError("option '-%c'/'--connect' requires an argument", optopt);
            return EXIT_FAILURE;
        default:
            if (optopt)
                vpError("unsupported option '-%c'. See --help.", optopt);
            else
                vpError("unsupported option '%s'. See --help.", argv[optind - 1]);
            return EXIT_FAILURE;
        }
    }
    if (optind >= argc) {
        vpError("no command given");
        usage(stderr);
        return EXIT_FAILURE;
    }
    /* exec takes a whole command line of its own, not options. */
    if (strcmp(argv[optind], "exec") == 0)
        return vpToolExec(argc - optind - 1, argv + optind + 1);
    if (!(def = vpCommandLookup(argv[optind]))) {
        vpError("unknown command: '%s'", argv[optind]);
        return EXIT_FAILURE;
    }
    if (vpCmdParse(def, argc - optind - 1, argv + optind + 1, &cmd) < 0)
        return EXIT_FAILURE;
    if (cmd.help) {
        /* COMMAND --help is `help COMMAND`, as in virsh: it needs no
         * connection and no required option. */
        char *helpArgv[] = { (char *) def->name };

        def = vpCommandLookup("help");
        if (vpCmdParse(def, 1, helpArgv, &cmd) < 0)
            return EXIT_FAILURE;
    }

    virSetErrorFunc(&ctl, errorHandler);

    if (def->needsConnection) {
        ctl.conn = ctl.readonly ? virConnectOpenReadOnly(ctl.uri)
                                : virConnectOpen(ctl.uri);
        if (!ctl.conn) {
            vpError("failed to connect to the hypervisor");
            vpReportLastError();
            return EXIT_FAILURE;
        }
    }

    ok = def->run(&ctl, &cmd);
    /* a safety net: commands report their own errors; help never calls
     * the library, so it is not asked for errors */
    if (!ok && def->needsConnection)
        vpReportLastError();
    if (!ctl.quiet)
        putchar('\n');

    if (ctl.conn)
        virConnectClose(ctl.conn);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        vpError("failed to write the output");
        return EXIT_FAILURE;
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
