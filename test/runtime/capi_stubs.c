/* The C-API functions rt_main.c calls, for a test program without Python.
 * Only the wrappers call them, and the tests never call a wrapper. */
#include <stdlib.h>

void *PyLong_FromLong(long v) { (void)v; abort(); }
long PyLong_AsLong(void *o) { (void)o; abort(); }
void *PyErr_Occurred(void) { abort(); }
