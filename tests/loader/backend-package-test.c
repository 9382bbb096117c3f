/*
 * backend-package-test.c: the package named for a missing backend.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend-package.h"

static void
expectPackage(const char *template, const char *backend, const char *want)
{
    char *got = vpBackendPackageFormat(template, backend);

    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void
testTemplate(void **state)
{
    (void)state;
    expectPackage("virtplug-backend-%s", "xen", "virtplug-backend-xen");
    expectPackage("virtplug-backend-%s", "qemu", "virtplug-backend-qemu");
    expectPackage("%s-virtplug", "test", "test-virtplug");
    expectPackage("virtplug-%s-backend", "xen", "virtplug-xen-backend");
    /* A literal '%' elsewhere is text, never a format directive. */
    expectPackage("virtplug%d-%s", "xen", "virtplug%d-xen");
}

static void
testNoPackage(void **state)
{
    (void)state;
    expectPackage(NULL, "xen", NULL);
    expectPackage("", "xen", NULL);
    expectPackage("virtplug-backend", "xen", NULL);
    /* Schemes this source tree has no backend for have no package. */
    expectPackage("virtplug-backend-%s", "bhyve", NULL);
    expectPackage("virtplug-backend-%s", "xe", NULL);
    expectPackage("virtplug-backend-%s", "xen test", NULL);
    expectPackage("virtplug-backend-%s", "", NULL);
    expectPackage("virtplug-backend-%s", NULL, NULL);
}

/* The configured template (--with-backend-package) is the one used. */
static void
testConfigured(void **state)
{
    char *got = vpBackendPackage("xen");

    (void)state;
    if (!*VIRTPLUG_BACKEND_PACKAGE) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    expectPackage(VIRTPLUG_BACKEND_PACKAGE, "xen", got);
    free(got);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testTemplate),
        cmocka_unit_test(testNoPackage),
        cmocka_unit_test(testConfigured),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
