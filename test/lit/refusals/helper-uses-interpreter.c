// A static helper that uses the interpreter: the analysis looks into the
// module's helpers, and the remark names the C-API call it reaches.
// Where the core cannot check its result as CPython would (the table is
// no PyModuleDef's, so the function's repr is unknown), using the
// interpreter is a refusal; shapes/interpreter-*.c show the module's case.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'dbl': calls 'PyErr_WarnEx' for well-typed arguments

// KEY: Name: UsesInterpreter
// KEY: Function: dbl

// IR: define internal {{.*}}ptr @dbl(

#include "../Inputs/module.h"

__attribute__((noinline)) static long checked_double(long n) {
  if (n > 1000000)
    PyErr_WarnEx(PyExc_RuntimeWarning, "large", 1);
  return 2 * n;
}

static PyObject *dbl(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(checked_double(n));
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"dbl", dbl, METH_O, NULL})
