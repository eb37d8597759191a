// PyArg_ParseTuple with "|l": optional arguments are not mined; the remark
// names the '|'.
// RUN: %clang -O0 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'inc': '_PyArg_ParseTuple_SizeT' format "|l" has code '|', which does not unbox a C scalar

// IR: define internal {{.*}}ptr @inc(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *inc(PyObject *self, PyObject *args) {
  long n = 0;
  if (!PyArg_ParseTuple(args, "|l", &n))
    return NULL;
  return PyLong_FromLong(n + 1);
}

static PyMethodDef methods[] = {{"inc", inc, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
