/*
 * cmd-exec.c: `virtplug exec [--] COMMAND [ARGS]`: runs a program that is
 * linked against libvirt.so.0 on virtplug's drop-in libvirt, by putting the
 * drop-in's private directory first on the program's library path.  The
 * drop-in is never on the default path, so nothing else is affected.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

/* Where the drop-in lives: the installed directory, or (for running from
 * a build tree) VIRTPLUG_LIBVIRT_COMPAT_DIR. */
static const char *
vpCompatDir(void)
{
    const char *env = secure_getenv("VIRTPLUG_LIBVIRT_COMPAT_DIR");

    if (env && *env)
        return env;
#ifdef WITH_LIBVIRT_COMPAT
    return VIRTPLUG_LIBVIRT_COMPAT_DIR;
#else
    return NULL;
#endif
}

int
vpToolExec(int argc, char **argv)
{
    const char *dir = vpCompatDir();
    const char *old = getenv("LD_LIBRARY_PATH");
    char *path;

    if (argc > 0 && strcmp(argv[0], "--") == 0) {
        argc--;
        argv++;
    }
    if (argc < 1) {
        vpError("exec: no program given; usage: virtplug exec -- COMMAND "
                "[ARGS]");
        return EXIT_FAILURE;
    }
    if (!dir) {
        vpError("exec: this virtplug was built without the libvirt drop-in "
                "(configure --with-libvirt-compat)");
        return EXIT_FAILURE;
    }
    if (asprintf(&path, "%s%s%s", dir, old && *old ? ":" : "",
                 old && *old ? old : "") < 0) {
        vpError("exec: out of memory");
        return EXIT_FAILURE;
    }
    if (setenv("LD_LIBRARY_PATH", path, 1) < 0) {
        vpError("exec: cannot set LD_LIBRARY_PATH: %s", strerror(errno));
        free(path);
        return EXIT_FAILURE;
    }
    free(path);
    execvp(argv[0], argv);
    vpError("exec: cannot run '%s': %s", argv[0], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
