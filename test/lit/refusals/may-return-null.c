// A wrapper that returns NULL without raising for some well-typed input (n < 0)
// has no core: the core could not report that outcome.
// RUN: %clang -O0 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'nonneg': returns NULL on a path that well-typed arguments can take

// IR: define internal {{.*}}ptr @nonneg(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *nonneg(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0) /* forgot to raise: SystemError in CPython */
    return NULL;
  return PyLong_FromLong(n);
}
static PyMethodDef methods[] = {{"nonneg", nonneg, METH_O, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
