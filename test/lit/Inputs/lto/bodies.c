/* The functions of table.c's module, in a file of their own. */
#include <Python.h>

PyObject *lto_twice(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 2);
}

PyObject *lto_half(PyObject *self, PyObject *arg) {
  double v = PyFloat_AsDouble(arg);
  if (v == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(v / 2);
}
