/* vp-libvirt-state.c: not written yet (placeholder so the tree builds). */
#include <config.h>
#include "vp-libvirt-state.h"
