/*
 * nosym-backend.c: a test-only module that exports a function, but not the
 * entry symbol.
 */
#include <config.h>

__attribute__((visibility("default"))) int virtplug_not_the_entry(void);

__attribute__((visibility("default"))) int
virtplug_not_the_entry(void)
{
    return 42;
}
