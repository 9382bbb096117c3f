/*
 * host-calls.c: prints what the connection-level calls answer, one line
 * each, so the same source built against real libvirt and against virtplug
 * can be compared line for line.  Written only with libvirt's API.
 *
 *   host-calls URI
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>

static void
printError(const char *what)
{
    virErrorPtr err = virGetLastError();

    printf("%s: error code=%d domain=%d message=%s\n", what,
           err ? err->code : -1, err ? err->domain : -1,
           err && err->message ? err->message : "(none)");
}

static void
quiet(void *data, virErrorPtr err)
{
    (void)data;
    (void)err;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    virNodeInfo node;
    unsigned long ver = 0;
    char *host;

    if (argc != 2) {
        fprintf(stderr, "usage: %s URI\n", argv[0]);
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpenAuth(argv[1], virConnectAuthPtrDefault,
                                    VIR_CONNECT_RO))) {
        printError("open");
        return 1;
    }
#if LIBVIR_CHECK_VERSION(9, 0, 0) && !LIBVIR_CHECK_VERSION(9, 0, 1)
    printf("LIBVIR_VERSION_NUMBER: %d\n", LIBVIR_VERSION_NUMBER);
#endif
    if (virConnectGetVersion(conn, &ver) == 0)
        printf("version: %lu\n", ver);
    else
        printError("version");
    if ((host = virConnectGetHostname(conn))) {
        printf("hostname: %s\n", host);
        free(host);
    } else {
        printError("hostname");
    }
    if (virNodeGetInfo(conn, &node) == 0)
        printf("node: %s %lu KiB, %u cpus, %u MHz, %u nodes, %u sockets, "
               "%u cores, %u threads, max %u\n", node.model, node.memory,
               node.cpus, node.mhz, node.nodes, node.sockets, node.cores,
               node.threads, VIR_NODEINFO_MAXCPUS(node));
    else
        printError("nodeinfo");
    printf("secure: %d encrypted: %d\n", virConnectIsSecure(conn),
           virConnectIsEncrypted(conn));
    if (!virDomainLookupByName(conn, "no-such-domain"))
        printError("lookup");
    if (virConnectGetVersion(conn, NULL) < 0)
        printError("version(NULL)");
    virConnectClose(conn);
    if (virConnectIsSecure(NULL) < 0)
        printError("secure(NULL)");
    return 0;
}
