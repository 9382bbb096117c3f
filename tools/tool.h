/*
 * tool.h: what the parts of the virtplug command share: the run context,
 * command and option tables, option access and error reporting.
 */
#ifndef VIRTPLUG_TOOL_H
#define VIRTPLUG_TOOL_H

#include <stdbool.h>
#include <stddef.h>

#include <virtplug/virtplug.h>

typedef struct {
    const char *uri;        /* -c URI, or NULL for the default */
    bool readonly;          /* -r: accepted; virtplug never writes anyway */
    bool quiet;             /* -q: no table header, no trailing blank line */
    virConnectPtr conn;     /* opened before a command that needs it */
} vpCtl;

typedef enum {
    VP_OPT_BOOL,            /* --name */
    VP_OPT_DATA,            /* --name VALUE, --name=VALUE or positional */
} vpOptType;

typedef struct {
    const char *name;
    vpOptType type;
    bool required;          /* DATA only */
    const char *help;
} vpOptDef;

#define VP_MAX_OPTS 32

typedef struct _vpCmdDef vpCmdDef;

typedef struct {
    const vpCmdDef *def;
    bool set[VP_MAX_OPTS];
    const char *value[VP_MAX_OPTS];     /* DATA options: points into argv */
    bool help;              /* --help was given: show the command's help */
    int argc;                           /* the command's own words, from */
    char **argv;                        /* its name on (argv[0]) */
} vpCmd;

struct _vpCmdDef {
    const char *name;
    bool (*run)(vpCtl *ctl, const vpCmd *cmd);
    const vpOptDef *opts;   /* terminated by { NULL } */
    bool needsConnection;
    const char *help;       /* one line */
    const char *desc;
};

/* the command table (virtplug.c) */
extern const vpCmdDef vpCommands[];
const vpCmdDef *vpCommandLookup(const char *name);

/* option parsing (cmd-opts.c) */
/* Parses argv[0..argc-1] (the words after the command name).  Returns 0,
 * or -1 after printing virsh's message for the problem.  Every command
 * accepts --help (then cmd->help is set and required options may be
 * missing); the help command ignores options and words it does not know,
 * as virsh's does. */
int vpCmdParse(const vpCmdDef *def, int argc, char **argv, vpCmd *cmd);
bool vpCmdOptBool(const vpCmd *cmd, const char *name);
const char *vpCmdOptString(const vpCmd *cmd, const char *name);

/* output and errors (report.c) */
/* "error: <formatted>" on stderr. */
void vpError(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "error: <message of the calling thread's last virtplug error>", if any;
 * then resets it. */
void vpReportLastError(void);

/* the commands */
bool vpCmdList(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdDomState(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdDomId(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdDomName(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdDomUUID(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdUri(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdVersion(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdBackends(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdHelp(vpCtl *ctl, const vpCmd *cmd);
bool vpCmdMetrics(vpCtl *ctl, const vpCmd *cmd);
/* `virtplug exec`: argv are the words after "exec"; returns the exit
 * status only when the program could not be started. */
int vpToolExec(int argc, char **argv);

extern const vpOptDef vpOptsList[];
/* For a command that parses its own words (cmd->argc, cmd->argv) because
 * it takes repeated or short options: vpCmdParse only records them. */
extern const vpOptDef vpOptsOwnWords[];

#endif /* VIRTPLUG_TOOL_H */
