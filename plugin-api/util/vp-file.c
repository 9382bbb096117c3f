/* vp-file.c: not written yet (placeholder so the tree builds). */
#include <config.h>
#include "vp-file.h"
