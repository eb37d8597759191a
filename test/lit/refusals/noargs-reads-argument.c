// A METH_NOARGS wrapper that reads its unused (always NULL) argument.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'peek': reads the unused argument of a METH_NOARGS function

// IR: define internal {{.*}}ptr @peek(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *peek(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(unused == NULL);
}

static PyMethodDef methods[] = {{"peek", peek, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
