/* A wrapper whose format is a mutable global (python-isal's
 * crc32_combine): the file's compile cannot read it, the link's optimized
 * module can, and mines it. Its loop counter gets `nsw` from the pre-link
 * pipeline, which proves it never overflows, -fwrapv or not. */
#include "../module.h"

static unsigned gf2_times(unsigned v, unsigned n) {
  unsigned sum = 0;
  for (int i = 0; i < 32 && v; i++, v >>= 1)
    if (v & 1)
      sum ^= n * (unsigned)i;
  return sum;
}

static char *format = "II:times";

static PyObject *times(PyObject *m, PyObject *args) {
  unsigned a = 0, b = 0;
  if (!PyArg_ParseTuple(args, format, &a, &b))
    return NULL;
  return PyLong_FromUnsignedLong(gf2_times(a, b));
}

DEFINE_MODULE(mutable_format, {"times", times, METH_VARARGS, NULL})
