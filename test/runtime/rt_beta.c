/* rt_beta: the same wrapper names as rt_alpha (static inc, scale) with other
 * results, and one C function behind two method table entries. Like rt_alpha
 * it makes no data reference to the C API, so it loads without Python. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)n + 100));
}

static PyObject *scale(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * -3.0);
}

static PyObject *is_even(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyBool_FromLong(n % 2 == 0);
}

static PyMethodDef methods[] = {
    {"inc", inc, METH_O, "n + 100"},
    {"scale", scale, METH_O, "-3x"},
    {"is_even", is_even, METH_O, "n is even"},
    {"inc_alias", inc, METH_O, "the same C function under another name"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "rt_beta", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit_rt_beta(void) { return PyModule_Create(&module); }

__attribute__((visibility("default"))) const PyMethodDef *pyunbox_test_methods(void) {
  return methods;
}
