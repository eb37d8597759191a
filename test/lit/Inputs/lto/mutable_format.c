/* A wrapper whose format is a global variable another file may write, as
 * far as the file's compile can tell (not static; python-isal's
 * crc32_combine has a static one, which the compile reads since): the
 * link, which sees every file, finds it never written and mines it. Its loop counter gets `nsw` from the pre-link
 * pipeline, which proves it never overflows, -fwrapv or not. */
#include "../module.h"

static unsigned gf2_times(unsigned v, unsigned n) {
  unsigned sum = 0;
  for (int i = 0; i < 32 && v; i++, v >>= 1)
    if (v & 1)
      sum ^= n * (unsigned)i;
  return sum;
}

__attribute__((visibility("hidden"))) char *format = "II:times";

static PyObject *times(PyObject *m, PyObject *args) {
  unsigned a = 0, b = 0;
  if (!PyArg_ParseTuple(args, format, &a, &b))
    return NULL;
  return PyLong_FromUnsignedLong(gf2_times(a, b));
}

DEFINE_MODULE(mutable_format, {"times", times, METH_VARARGS, NULL})
