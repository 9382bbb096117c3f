/*
 * node-info.c: virNodeGetInfo for the local host, counted the way libvirt's
 * Linux host code counts it (/proc/meminfo, /proc/cpuinfo, the sysfs CPU
 * and NUMA topology), so that the figures match what libvirtd reports.
 */
#include <config.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "errors.h"
#include "node-info.h"

#define VP_SYSFS_CPU "/sys/devices/system/cpu"
#define VP_SYSFS_NODE "/sys/devices/system/node"
#define VP_MAX_IDS 1024

/* One unsigned number from a small sysfs or proc file; -1 if unreadable. */
static long
vpReadNumber(const char *path)
{
    FILE *fp = fopen(path, "re");
    long val = -1;

    if (!fp)
        return -1;
    if (fscanf(fp, "%ld", &val) != 1)
        val = -1;
    fclose(fp);
    return val;
}

static bool
vpCPUOnline(unsigned int cpu)
{
    char path[128];
    long v;

    snprintf(path, sizeof(path), VP_SYSFS_CPU "/cpu%u/online", cpu);
    v = vpReadNumber(path);
    return v != 0;   /* cpu0 often has no "online" file: it is online */
}

/* Entries of a cpulist file ("0-3,8") or thread_siblings_list. */
static unsigned int
vpCountList(const char *path)
{
    FILE *fp = fopen(path, "re");
    unsigned int count = 0, a, b;
    int c;

    if (!fp)
        return 0;
    while (fscanf(fp, "%u", &a) == 1) {
        b = a;
        if ((c = fgetc(fp)) == '-') {
            if (fscanf(fp, "%u", &b) != 1)
                break;
            c = fgetc(fp);
        }
        count += b >= a ? b - a + 1 : 0;
        if (c != ',')
            break;
    }
    fclose(fp);
    return count;
}

typedef struct {
    unsigned int cpus, sockets, cores, threads, offline;
} vpNodeCount;

static bool
vpIdSeen(const long *ids, size_t n, long id)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (ids[i] == id)
            return true;
    }
    return false;
}

/* The CPUs listed as cpuN entries of dir (a NUMA node, or the whole CPU
 * directory on a host without NUMA information). */
static int
vpCountNode(const char *dir, vpNodeCount *out)
{
    long socketIds[VP_MAX_IDS], coreKeys[VP_MAX_IDS];
    size_t nsock = 0, ncore = 0, i;
    unsigned int maxCores = 0;
    DIR *dp = opendir(dir);
    struct dirent *de;
    char path[256];

    memset(out, 0, sizeof(*out));
    if (!dp)
        return -1;
    while ((de = readdir(dp))) {
        unsigned int cpu, sib;
        long sock, core;
        char tail;

        if (sscanf(de->d_name, "cpu%u%c", &cpu, &tail) != 1)
            continue;
        if (!vpCPUOnline(cpu)) {
            out->offline++;
            continue;
        }
        out->cpus++;
        snprintf(path, sizeof(path),
                 VP_SYSFS_CPU "/cpu%u/topology/physical_package_id", cpu);
        sock = vpReadNumber(path);
        snprintf(path, sizeof(path),
                 VP_SYSFS_CPU "/cpu%u/topology/core_id", cpu);
        core = vpReadNumber(path);
        if (sock < 0)
            sock = 0;
        if (core < 0)
            core = 0;
        if (nsock < VP_MAX_IDS && !vpIdSeen(socketIds, nsock, sock))
            socketIds[nsock++] = sock;
        /* A core is known by (socket, core id). */
        if (ncore < VP_MAX_IDS &&
            !vpIdSeen(coreKeys, ncore, sock * 65536 + core))
            coreKeys[ncore++] = sock * 65536 + core;
        snprintf(path, sizeof(path),
                 VP_SYSFS_CPU "/cpu%u/topology/thread_siblings_list", cpu);
        sib = vpCountList(path);
        if (sib == 0)
            sib = 1;
        if (sib > out->threads)
            out->threads = sib;
    }
    closedir(dp);
    for (i = 0; i < nsock; i++) {
        unsigned int n = 0;
        size_t j;

        for (j = 0; j < ncore; j++) {
            if (coreKeys[j] / 65536 == socketIds[i])
                n++;
        }
        if (n > maxCores)
            maxCores = n;
    }
    out->sockets = nsock;
    out->cores = maxCores;
    return 0;
}

static void
vpNodeTopology(virNodeInfoPtr info)
{
    unsigned int offline = 0;
    vpNodeCount c;
    DIR *dp = opendir(VP_SYSFS_NODE);
    struct dirent *de;
    char path[256];

    info->nodes = info->sockets = info->cores = info->threads = 0;
    info->cpus = 0;
    while (dp && (de = readdir(dp))) {
        unsigned int node;
        char tail;

        if (sscanf(de->d_name, "node%u%c", &node, &tail) != 1)
            continue;
        snprintf(path, sizeof(path), VP_SYSFS_NODE "/node%u", node);
        if (vpCountNode(path, &c) < 0)
            continue;
        info->nodes++;
        info->cpus += c.cpus;
        offline += c.offline;
        if (c.sockets > info->sockets)
            info->sockets = c.sockets;
        if (c.cores > info->cores)
            info->cores = c.cores;
        if (c.threads > info->threads)
            info->threads = c.threads;
    }
    if (dp)
        closedir(dp);
    if (info->nodes == 0 && vpCountNode(VP_SYSFS_CPU, &c) == 0) {
        info->nodes = 1;
        info->cpus = c.cpus;
        offline = c.offline;
        info->sockets = c.sockets;
        info->cores = c.cores;
        info->threads = c.threads;
    }
    /* libvirt's rule: a topology that does not multiply out is not to be
     * trusted; report every CPU as a core of one socket. */
    if (info->nodes * info->sockets * info->cores * info->threads !=
        info->cpus + offline) {
        info->nodes = 1;
        info->sockets = 1;
        info->cores = info->cpus + offline;
        info->threads = 1;
    }
}

/* The first "cpu MHz" of /proc/cpuinfo, whole MHz; 0 when there is none. */
static unsigned int
vpNodeMHz(void)
{
    FILE *fp = fopen("/proc/cpuinfo", "re");
    char line[512];
    unsigned int mhz = 0;

    if (!fp)
        return 0;
    while (fgets(line, sizeof(line), fp)) {
        const char *colon = strchr(line, ':');

        if (strncmp(line, "cpu MHz", 7) != 0 || !colon)
            continue;
        if (sscanf(colon + 1, "%u", &mhz) == 1)
            break;
        mhz = 0;
    }
    fclose(fp);
    return mhz;
}

/* libvirt adds up the NUMA nodes' memory when the host has NUMA
 * information and asks sysconf() otherwise; the two can differ (a guest's
 * firmware may describe less memory per node than the kernel manages). */
static unsigned long
vpNodeMemoryKiB(void)
{
    DIR *dp = opendir(VP_SYSFS_NODE);
    struct dirent *de;
    unsigned long total = 0;
    long pages, pagesize;

    while (dp && (de = readdir(dp))) {
        unsigned int node;
        unsigned long kib;
        char tail, path[256], line[256];
        FILE *fp;

        if (sscanf(de->d_name, "node%u%c", &node, &tail) != 1)
            continue;
        snprintf(path, sizeof(path), VP_SYSFS_NODE "/node%u/meminfo", node);
        if (!(fp = fopen(path, "re")))
            continue;
        while (fgets(line, sizeof(line), fp)) {
            if (sscanf(line, "Node %*u MemTotal: %lu kB", &kib) == 1) {
                total += kib;
                break;
            }
        }
        fclose(fp);
    }
    if (dp)
        closedir(dp);
    if (total)
        return total;
    pages = sysconf(_SC_PHYS_PAGES);
    pagesize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pagesize <= 0)
        return 0;
    return (unsigned long)pages / 1024 * (unsigned long)pagesize;
}

int
vpNodeInfoLocalHost(virNodeInfoPtr info)
{
    struct utsname uts;
    const char *arch = "";

    memset(info, 0, sizeof(*info));
    if (uname(&uts) == 0)
        arch = uts.machine;
    /* libvirt names every 32-bit x86 "i686". */
    if (strlen(arch) == 4 && arch[0] == 'i' && strcmp(arch + 2, "86") == 0)
        arch = "i686";
    snprintf(info->model, sizeof(info->model), "%s", arch);
    info->memory = vpNodeMemoryKiB();
    info->mhz = vpNodeMHz();
    vpNodeTopology(info);
    if (info->cpus == 0 || info->memory == 0) {
        vpErrorReport(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                      "could not read the host's CPUs and memory from "
                      "/proc and /sys");
        return -1;
    }
    return 0;
}
