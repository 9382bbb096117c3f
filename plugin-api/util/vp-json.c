/* vp-json.c: not written yet (placeholder so the tree builds). */
#include <config.h>
#include "vp-json.h"
