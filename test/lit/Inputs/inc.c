/* The smallest extension: one METH_O function, long -> long. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

static PyMethodDef methods[] = {{"inc", inc, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "demo", NULL, -1, methods};
PyMODINIT_FUNC PyInit_demo(void) { return PyModule_Create(&module); }
