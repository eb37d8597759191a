// None on one path and a long on another: no single C return type.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'positive_or_none': returns both void and long results

// KEY: Name: MixedReturns
// KEY: Function: positive_or_none

// IR: define internal {{.*}}ptr @positive_or_none(

#include "../Inputs/module.h"

static PyObject *positive_or_none(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n <= 0)
    Py_RETURN_NONE;
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"positive_or_none", positive_or_none, METH_O, NULL})
