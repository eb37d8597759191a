// Inline assembly in the wrapper's executable code.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'spin': contains inline assembly

// KEY: Name: InlineAsm
// KEY: Function: spin

// IR: define internal {{.*}}ptr @spin(

#include "../Inputs/module.h"

static PyObject *spin(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  __asm__ volatile("pause");
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"spin", spin, METH_O, NULL})
