/*
 * list-domains.c: print the name of every domain of a host, one per line,
 * sorted by name -- what `virsh list --all --name` shows.
 *
 * This is an ordinary libvirt client.  The same source builds against
 * libvirt (cc -DUSE_LIBVIRT list-domains.c $(pkg-config --cflags --libs
 * libvirt)) and against virtplug (cc list-domains.c $(pkg-config --cflags
 * --libs virtplug)); only the header differs.
 *
 * Usage: list-domains [URI]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef USE_LIBVIRT
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#else
# include <virtplug/virtplug.h>
#endif

static int
compareNames(const void *a, const void *b)
{
    const char *const *x = a;
    const char *const *y = b;

    return strcmp(*x, *y);
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : NULL;
    virConnectPtr conn = NULL;
    virDomainPtr *domains = NULL;
    const char **names = NULL;
    int ndomains;
    int i;
    int ret = EXIT_FAILURE;

    if (argc > 2) {
        fprintf(stderr, "usage: %s [URI]\n", argv[0]);
        return EXIT_FAILURE;
    }

    if (!(conn = virConnectOpenReadOnly(uri))) {
        fprintf(stderr, "error: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    /* flags 0: every domain, active or not */
    ndomains = virConnectListAllDomains(conn, &domains, 0);
    if (ndomains < 0) {
        fprintf(stderr, "error: %s\n", virGetLastErrorMessage());
        goto cleanup;
    }

    /* The names belong to the domain objects; sort pointers to them. */
    if (ndomains > 0 && !(names = calloc(ndomains, sizeof(*names)))) {
        perror("calloc");
        goto cleanup;
    }
    for (i = 0; i < ndomains; i++) {
        if (!(names[i] = virDomainGetName(domains[i]))) {
            fprintf(stderr, "error: %s\n", virGetLastErrorMessage());
            goto cleanup;
        }
    }
    if (ndomains > 0)
        qsort(names, ndomains, sizeof(*names), compareNames);

    for (i = 0; i < ndomains; i++)
        printf("%s\n", names[i]);
    ret = EXIT_SUCCESS;

 cleanup:
    free(names);
    if (domains) {
        for (i = 0; i < ndomains; i++)
            virDomainFree(domains[i]);
        free(domains);
    }
    virConnectClose(conn);
    return ret;
}
