// Two functions that both get a core: the fault tests break one of them.
#include "module.h"

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}
static PyObject *twice(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(2 * x);
}
DEFINE_MODULE(m, {"inc", inc, METH_O, NULL}, {"twice", twice, METH_O, NULL})
