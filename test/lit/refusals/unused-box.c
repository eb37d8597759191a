// A box whose object is not returned would allocate (and leak) in the core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'leak': boxes a value it does not return (a call of 'PyLong_FromLong')

// KEY: Name: UnusedBox
// KEY: Function: leak

// IR: define internal {{.*}}ptr @leak(

#include "../Inputs/module.h"

static PyObject *leak(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *tmp = PyLong_FromLong(n * 2);
  (void)tmp;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(m, {"leak", leak, METH_O, NULL})
