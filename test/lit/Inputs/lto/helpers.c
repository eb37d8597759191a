/* The work of calls_other_file.c's wrappers: plain C, but for give_up,
 * which raises whatever it is given. */
#include <Python.h>
#include <stddef.h>

long mix_bits(long x) { return (x ^ (x >> 7)) * 31; }

unsigned long fnv_bytes(const char *s, ptrdiff_t n) {
  unsigned long h = 1469598103934665603UL;
  for (ptrdiff_t i = 0; i < n; ++i)
    h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
  return h;
}

long give_up(long x) {
  PyErr_Format(PyExc_ValueError, "%ld is not enough", x);
  return -1;
}
