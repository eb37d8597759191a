// A METH_NOARGS wrapper that reads its unused (always NULL) argument.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'peek': reads the unused argument of a METH_NOARGS function

// KEY: Name: UsesArgument
// KEY: Function: peek

// IR: define internal {{.*}}ptr @peek(

#include "../Inputs/module.h"

static PyObject *peek(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(unused == NULL);
}

DEFINE_MODULE(m, {"peek", peek, METH_NOARGS, NULL})
