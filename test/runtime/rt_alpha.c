/* rt_alpha: a small extension for the C runtime's tests. Built with the
 * pyunbox plugin; the test dlopens it without Python (RTLD_LAZY), so it makes
 * no data reference to the C API (no Py_None, no type objects): only calls,
 * which are never executed. The cores it gets call nothing in Python. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)n + 1));
}

static PyObject *scale(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * 2.5 + 1.0);
}

static PyObject *mix(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a * 31 + (unsigned long)b));
}

static PyObject *answer(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(42);
}

/* Refused (reads self): has no record. */
static PyObject *uses_self(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + (self != NULL));
}

static PyMethodDef methods[] = {
    {"inc", inc, METH_O, "n + 1"},
    {"scale", scale, METH_O, "2.5x + 1"},
    {"mix", mix, METH_VARARGS, "31a + b"},
    {"answer", answer, METH_NOARGS, "42"},
    {"uses_self", uses_self, METH_O, "refused"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "rt_alpha", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit_rt_alpha(void) { return PyModule_Create(&module); }

/* The test reads the method table through this (the wrappers are static). */
__attribute__((visibility("default"))) const PyMethodDef *pyunbox_test_methods(void) {
  return methods;
}
