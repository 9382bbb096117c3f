/*
 * module-safety-test.c: the ownership and mode rule (loader/module-safety.c)
 * on made-up stat results, and the walk over the directories above a
 * backend directory on a real tree under TMPDIR.  The walk is what guards
 * the built-in directory, which a test cannot move.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "module-safety.h"

static char *base;          /* resolved, safe to begin with */

static struct stat
mkStat(uid_t uid, mode_t mode)
{
    struct stat sb;

    memset(&sb, 0, sizeof(sb));
    sb.st_uid = uid;
    sb.st_mode = mode;
    return sb;
}

static void
assertRefused(const struct stat *sb, uid_t euid, bool stickyOk,
              const char *want)
{
    char why[128] = "";

    assert_false(vpSafeStat(sb, euid, stickyOk, why, sizeof(why)));
    assert_string_equal(why, want);
}

static void
testStatRule(void **state)
{
    char why[128];
    struct stat sb;

    (void)state;
    sb = mkStat(0, S_IFREG | 0755);
    assert_true(vpSafeStat(&sb, 1000, false, why, sizeof(why)));
    sb = mkStat(1000, S_IFREG | 0644);
    assert_true(vpSafeStat(&sb, 1000, false, why, sizeof(why)));
    sb = mkStat(1000, S_IFDIR | 0555);
    assert_true(vpSafeStat(&sb, 1000, false, why, sizeof(why)));

    sb = mkStat(2000, S_IFREG | 0755);
    assertRefused(&sb, 1000, false, "owned by uid 2000, not by root or uid 1000");
    sb = mkStat(65534, S_IFDIR | 0755);
    assertRefused(&sb, 0, true, "owned by uid 65534, not by root");
    sb = mkStat(0, S_IFREG | 0775);
    assertRefused(&sb, 0, false, "writable by group (mode 0775)");
    sb = mkStat(0, S_IFREG | 0757);
    assertRefused(&sb, 0, false, "writable by others (mode 0757)");
    sb = mkStat(0, S_IFDIR | 0777);
    assertRefused(&sb, 0, true, "writable by group and others (mode 0777)");

    /* Sticky: fine above the backend directory, never for the backend
     * directory itself or for a file. */
    sb = mkStat(0, S_IFDIR | 01777);
    assert_true(vpSafeStat(&sb, 1000, true, why, sizeof(why)));
    assertRefused(&sb, 1000, false,
                  "writable by group and others (mode 1777)");
    sb = mkStat(0, S_IFREG | 01777);
    assertRefused(&sb, 0, true, "writable by group and others (mode 1777)");
    /* A sticky directory of an untrusted owner is still refused. */
    sb = mkStat(2000, S_IFDIR | 01777);
    assertRefused(&sb, 1000, true, "owned by uid 2000, not by root or uid 1000");
}

static char *
sub(const char *rel)
{
    char *p;

    assert_true(asprintf(&p, "%s/%s", base, rel) > 0);
    return p;
}

/* The walk above base/rel returns wantRc; when refused, the reason is
 * before + base + after. */
static void
assertAncestors(const char *rel, int wantRc, const char *before,
                const char *after)
{
    char *path = sub(rel);
    char *why = NULL;

    assert_int_equal(vpSafeAncestors(path, geteuid(), &why), wantRc);
    if (before) {
        char *want = NULL;
        assert_non_null(why);
        assert_true(asprintf(&want, "%s%s%s", before, base, after) > 0);
        assert_string_equal(why, want);
        free(want);
    } else {
        assert_null(why);
    }
    free(why);
    free(path);
}

static void
testAncestors(void **state)
{
    char *a = sub("a"), *b = sub("a/b"), *link = sub("link");
    char *why = NULL;

    (void)state;
    assertAncestors("a/b/c", 0, NULL, NULL);
    /* The directory itself is not an ancestor: its own check is the
     * loader's. */
    assert_int_equal(chmod(b, 0777), 0);
    assertAncestors("a/b", 0, NULL, NULL);

    assertAncestors("a/b/c", -1, "directory ",
                    "/a/b is writable by group and others (mode 0777)");
    assert_int_equal(chmod(b, 01777), 0);
    assertAncestors("a/b/c", 0, NULL, NULL);
    assert_int_equal(chmod(b, 0755), 0);

    assert_int_equal(chmod(a, 0775), 0);
    assertAncestors("a/b/c", -1, "directory ",
                    "/a is writable by group (mode 0775)");
    assert_int_equal(chmod(a, 0755), 0);

    /* Only resolved paths are walked: a symbolic link on the way is
     * refused, not followed. */
    assert_int_equal(symlink("a", link), 0);
    assertAncestors("link/b/c", -1, "", "/link is not a directory");

    assert_int_equal(vpSafeAncestors("relative/dir", 0, &why), -1);
    assert_string_equal(why, "'relative/dir' is not an absolute path");
    free(why);
    assert_int_equal(vpSafeAncestors("/", geteuid(), &why), 0);
    assert_null(why);
    free(a);
    free(b);
    free(link);
}

static void
testAncestorOwner(void **state)
{
    char *a = sub("a");

    (void)state;
    if (geteuid() != 0) {
        /* giving a directory away needs root; the rule itself is
         * covered by testStatRule */
        free(a);
        skip();
    }
    assert_int_equal(chown(a, 65534, (gid_t)-1), 0);
    assertAncestors("a/b/c", -1, "directory ",
                    "/a is owned by uid 65534, not by root");
    assert_int_equal(chown(a, 0, (gid_t)-1), 0);
    assertAncestors("a/b/c", 0, NULL, NULL);
    free(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testStatRule),
        cmocka_unit_test(testAncestors),
        cmocka_unit_test(testAncestorOwner),
    };
    const char *tmp = getenv("TMPDIR");
    char *made = NULL, *why = NULL, *path;
    int ret;

    umask(022);
    if (asprintf(&made, "%s/vp-safety-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0 ||
        !mkdtemp(made) || !(base = realpath(made, NULL))) {
        perror("mkdtemp");
        return 99;
    }
    if (vpSafeAncestors(base, geteuid(), &why) < 0) {
        fprintf(stderr, "SKIP: the temporary directory is itself under an "
                "unsafe one: %s\n", why ? why : "?");
        rmdir(made);
        return 77;
    }
    path = sub("a/b/c");
    if (mkdir(path, 0755) < 0) {
        char *p1 = sub("a"), *p2 = sub("a/b");
        if (mkdir(p1, 0755) < 0 || mkdir(p2, 0755) < 0 || mkdir(path, 0755) < 0)
            return 99;
        free(p1);
        free(p2);
    }
    free(path);

    ret = cmocka_run_group_tests(tests, NULL, NULL);

    {
        static const char *const tree[] = { "link", "a/b/c", "a/b", "a" };
        size_t i;
        for (i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
            path = sub(tree[i]);
            if (i == 0)
                unlink(path);
            else
                rmdir(path);
            free(path);
        }
        rmdir(base);
    }
    free(base);
    free(made);
    return ret;
}
