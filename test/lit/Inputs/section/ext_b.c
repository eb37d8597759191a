/* The second translation unit: more functions, added by PyInit_twotu. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *negate(PyObject *self, PyObject *arg) {
  long long n = PyLong_AsLongLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLongLong(-n);
}

PyMethodDef ext_b_methods[] = {
    {"negate", negate, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
