// A call through a function pointer may reach the interpreter.
// RUN: %clang -O0 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'wrap': calls through a function pointer, which may reach the interpreter

// IR: define internal {{.*}}ptr @wrap(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

long (*hook)(long);

static PyObject *wrap(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(hook(n));
}

static PyMethodDef methods[] = {{"wrap", wrap, METH_O, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
