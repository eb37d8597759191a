/* bodies.c and table.c as one translation unit: the single-file build. */
#include "bodies.c"
#include "table.c"
