/*
 * io-floor.c: the I/O floor of listing a libvirt QEMU host tree.
 *
 * Does only what any reader of the tree must do: list the config, status,
 * autostart and managed-save directories, and read every config and status
 * file fully.  No parsing.  bench/run.sh times virtplug against this.
 *
 * Usage: io-floor ROOT      (prints "FILES BYTES")
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long totalBytes;
static unsigned long totalFiles;

static int
readWhole(int dirfd, const char *name)
{
    char buf[65536];
    ssize_t got;
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    if (fd < 0)
        return -1;
    while ((got = read(fd, buf, sizeof(buf))) > 0)
        totalBytes += (unsigned long long)got;
    close(fd);
    totalFiles++;
    return got < 0 ? -1 : 0;
}

/* Lists ROOT/SUB; reads every regular *.xml file in it when `read` is set. */
static int
scanDir(const char *root, const char *sub, int readFiles)
{
    char path[4096];
    DIR *dir;
    struct dirent *ent;

    snprintf(path, sizeof(path), "%s/%s", root, sub);
    if (!(dir = opendir(path)))
        return errno == ENOENT ? 0 : -1;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);

        if (!readFiles || ent->d_type != DT_REG || len < 5 ||
            strcmp(ent->d_name + len - 4, ".xml") != 0)
            continue;
        if (readWhole(dirfd(dir), ent->d_name) < 0)
            fprintf(stderr, "io-floor: %s/%s: %s\n", path, ent->d_name,
                    strerror(errno));
    }
    closedir(dir);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ROOT\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (scanDir(argv[1], "etc/libvirt/qemu", 1) < 0 ||
        scanDir(argv[1], "etc/libvirt/qemu/autostart", 0) < 0 ||
        scanDir(argv[1], "run/libvirt/qemu", 1) < 0 ||
        scanDir(argv[1], "var/lib/libvirt/qemu/save", 0) < 0) {
        perror("io-floor");
        return EXIT_FAILURE;
    }
    printf("%lu %llu\n", totalFiles, totalBytes);
    return EXIT_SUCCESS;
}
