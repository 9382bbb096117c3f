/*
 * null-calls.c: calls every libvirt function the drop-in does not
 * implement, with all arguments NULL or zero, and checks that each one
 * fails cleanly: VIR_ERR_NO_SUPPORT naming the function, as the last error.
 * The names come on stdin, one per line; the drop-in is dlopen()ed from the
 * path given.  Run under ASan and valgrind by CI, so a stub that touched an
 * argument would show.
 *
 *   null-calls LIBVIRT.so.0 < names
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <virtplug/virtplug.h>

/* More arguments than any libvirt function takes; the callee reads none. */
typedef long (*anyFunc)(long, long, long, long, long, long, long, long);
typedef virErrorPtr (*getLastErrorFunc)(void);
typedef void (*setErrorFuncFunc)(void *, virErrorFunc);

static void
quiet(void *data, virErrorPtr err)
{
    (void)data;
    (void)err;
}

int
main(int argc, char **argv)
{
    const char *prefix =
        "this function is not supported by the connection driver: ";
    void *lib, *sym;
    getLastErrorFunc getLastError;
    setErrorFuncFunc setErrorFunc;
    char name[256], want[512];
    int calls = 0, bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s LIBVIRT.so.0 < names\n", argv[0]);
        return 2;
    }
    if (!(lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL))) {
        fprintf(stderr, "FAIL: %s\n", dlerror());
        return 1;
    }
    *(void **)&getLastError = dlsym(lib, "virGetLastError");
    *(void **)&setErrorFunc = dlsym(lib, "virSetErrorFunc");
    if (!getLastError || !setErrorFunc) {
        fprintf(stderr, "FAIL: no virGetLastError/virSetErrorFunc\n");
        return 1;
    }
    setErrorFunc(NULL, quiet);
    while (scanf("%255s", name) == 1) {
        anyFunc fn;
        virErrorPtr err;

        if (!(sym = dlsym(lib, name))) {
            printf("FAIL: %s is not exported\n", name);
            bad++;
            continue;
        }
        *(void **)&fn = sym;
        fn(0, 0, 0, 0, 0, 0, 0, 0);
        calls++;
        err = getLastError();
        snprintf(want, sizeof(want), "%s%s", prefix, name);
        if (!err || err->code != VIR_ERR_NO_SUPPORT || !err->message ||
            strcmp(err->message, want) != 0) {
            printf("FAIL: %s: code %d, message '%s'\n", name,
                   err ? err->code : 0,
                   err && err->message ? err->message : "(none)");
            bad++;
        }
    }
    printf("%d unimplemented functions called with NULL arguments, "
           "%d failures\n", calls, bad);
    dlclose(lib);
    return bad || calls == 0 ? 1 : 0;
}
