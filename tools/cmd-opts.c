/*
 * cmd-opts.c: parsing a command's words the way virsh does: "--opt",
 * "--opt VALUE", "--opt=VALUE", and positional words that fill the DATA
 * options in table order.  Messages are virsh's.
 */
#include <config.h>

#include <string.h>

#include "tool.h"

static int
findOpt(const vpCmdDef *def, const char *name, size_t namelen)
{
    int i;

    for (i = 0; def->opts[i].name && i < VP_MAX_OPTS; i++) {
        if (strlen(def->opts[i].name) == namelen &&
            strncmp(def->opts[i].name, name, namelen) == 0)
            return i;
    }
    return -1;
}

/* virsh lets every command take --help, unless it has an option of that
 * name itself. */
static bool
isHelpOpt(const vpCmdDef *def, const char *name, size_t namelen)
{
    return namelen == 4 && strncmp(name, "help", 4) == 0 &&
        findOpt(def, name, namelen) < 0;
}

int
vpCmdParse(const vpCmdDef *def, int argc, char **argv, vpCmd *cmd)
{
    bool lenient = strcmp(def->name, "help") == 0;
    int i, j;

    memset(cmd, 0, sizeof(*cmd));
    cmd->def = def;
    cmd->argc = argc + 1;
    cmd->argv = argv - 1;
    if (def->opts == vpOptsOwnWords) {
        /* Its own parser checks the words; --help still means help, up
         * to a "--" that ends the options. */
        for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
            if (strcmp(argv[i], "--help") == 0) {
                cmd->help = true;
            } else if (strncmp(argv[i], "--help=", 7) == 0) {
                vpError("invalid '=' after option --help");
                return -1;
            }
        }
        return 0;
    }

    for (i = 0; i < argc; i++) {
        const char *arg = argv[i];

        if (strncmp(arg, "--", 2) == 0 && arg[2]) {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t namelen = eq ? (size_t) (eq - name) : strlen(name);
            int o = findOpt(def, name, namelen);

            if (isHelpOpt(def, name, namelen)) {
                if (eq) {
                    vpError("invalid '=' after option --help");
                    return -1;
                }
                cmd->help = true;
                continue;
            }
            if (o < 0 && lenient)
                continue;
            if (o < 0) {
                vpError("command '%s' doesn't support option --%.*s",
                        def->name, (int) namelen, name);
                return -1;
            }
            if (cmd->set[o]) {
                vpError("option --%s already seen", def->opts[o].name);
                return -1;
            }
            if (def->opts[o].type == VP_OPT_BOOL) {
                if (eq) {
                    vpError("invalid '=' after option --%s", def->opts[o].name);
                    return -1;
                }
            } else if (eq) {
                cmd->value[o] = eq + 1;
            } else if (i + 1 < argc) {
                cmd->value[o] = argv[++i];
            } else {
                vpError("expected syntax: --%s <string>", def->opts[o].name);
                return -1;
            }
            cmd->set[o] = true;
            continue;
        }

        /* a positional word fills the first unset DATA option */
        for (j = 0; def->opts[j].name; j++) {
            if (def->opts[j].type == VP_OPT_DATA && !cmd->set[j])
                break;
        }
        if (!def->opts[j].name && lenient)
            continue;
        if (!def->opts[j].name) {
            vpError("unexpected data '%s'", arg);
            return -1;
        }
        cmd->set[j] = true;
        cmd->value[j] = arg;
    }

    if (cmd->help)
        return 0;
    for (j = 0; def->opts[j].name; j++) {
        if (def->opts[j].required && !cmd->set[j]) {
            vpError("command '%s' requires <%s> option", def->name,
                    def->opts[j].name);
            return -1;
        }
    }
    return 0;
}

bool
vpCmdOptBool(const vpCmd *cmd, const char *name)
{
    int o = findOpt(cmd->def, name, strlen(name));
    return o >= 0 && cmd->set[o];
}

const char *
vpCmdOptString(const vpCmd *cmd, const char *name)
{
    int o = findOpt(cmd->def, name, strlen(name));
    return o >= 0 && cmd->set[o] ? cmd->value[o] : NULL;
}
