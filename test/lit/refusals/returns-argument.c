// A wrapper that returns its argument object (after Py_INCREF) has no core:
// the argument is used for more than unboxing (the reference it took is
// handed to the caller, which a core cannot do).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'ident': argument 1 is used for more than unboxing ('ret')

// KEY: Name: ArgumentEscapes
// KEY: Function: ident

// IR: define internal {{.*}}ptr @ident(

#include "../Inputs/module.h"

static PyObject *ident(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  Py_INCREF(arg);
  return arg;
}

DEFINE_MODULE(m, {"ident", ident, METH_O, NULL})
