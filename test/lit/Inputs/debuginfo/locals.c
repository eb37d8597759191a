/* A wrapper shaped like Argument Clinic's, with locals and an optional
   argument, and its _impl: at -g -O2 clang tracks their assignments. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *near_impl(PyObject *module, double a, double b, double tol) {
  double diff = a > b ? a - b : b - a;
  return PyBool_FromLong(diff <= tol);
}

static PyObject *near(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *return_value = NULL;
  double a;
  double b;
  double tol = 1e-9;
  if (nargs < 2 || nargs > 3) {
    PyErr_SetString(PyExc_TypeError, "near() takes 2 or 3 arguments");
    goto exit;
  }
  a = PyFloat_AsDouble(args[0]);
  if (a == -1.0 && PyErr_Occurred())
    goto exit;
  b = PyFloat_AsDouble(args[1]);
  if (b == -1.0 && PyErr_Occurred())
    goto exit;
  if (nargs < 3)
    goto skip_optional;
  tol = PyFloat_AsDouble(args[2]);
  if (tol == -1.0 && PyErr_Occurred())
    goto exit;
skip_optional:
  return_value = near_impl(module, a, b, tol);
exit:
  return return_value;
}

static PyMethodDef methods[] = {
    {"near", (PyCFunction)(void (*)(void))near, METH_FASTCALL, "near(a, b, tol=1e-9)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "locals", NULL, -1, methods};

PyMODINIT_FUNC PyInit_locals(void) { return PyModule_Create(&module); }
