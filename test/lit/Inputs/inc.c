/* The smallest extension: one METH_O function, long -> long. */
#include "module.h"

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(demo, {"inc", inc, METH_O, NULL})
