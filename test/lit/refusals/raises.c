// A wrapper that raises from its own code (PyErr_SetString on a path that
// well-typed arguments can take) has no core.
// RUN: %clang -O0 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'recip': raises an exception from its own code ('PyErr_SetString'); cores of raising functions are not made yet

// IR: define internal {{.*}}ptr @recip(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *recip(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  if (x == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyFloat_FromDouble(1.0 / x);
}

static PyMethodDef methods[] = {{"recip", recip, METH_O, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
