/* vp-xml.c: not written yet (placeholder so the tree builds). */
#include <config.h>
#include "vp-xml.h"
