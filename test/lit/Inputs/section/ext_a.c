/* The first translation unit of a two-file extension: the module itself. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyMethodDef ext_b_methods[];

static PyObject *twice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * n);
}

static PyObject *scale(PyObject *self, PyObject *args) {
  double x, k;
  if (!PyArg_ParseTuple(args, "dd:scale", &x, &k))
    return NULL;
  return PyFloat_FromDouble(x * k);
}

static PyMethodDef methods[] = {
    {"twice", twice, METH_O, "twice(n)"},
    {"scale", scale, METH_VARARGS, "scale(x, k)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "twotu", NULL, -1, methods};

PyMODINIT_FUNC PyInit_twotu(void) {
  PyObject *m = PyModule_Create(&module);
  if (m && PyModule_AddFunctions(m, ext_b_methods) < 0)
    return NULL;
  return m;
}
