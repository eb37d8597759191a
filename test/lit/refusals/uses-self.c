// A wrapper that uses self (here compares it with NULL) has no core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'tag': uses self ('icmp')

// KEY: Name: UsesSelf
// KEY: Function: tag

// IR: define internal {{.*}}ptr @tag(

#include "../Inputs/module.h"

static PyObject *tag(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + (self != NULL));
}

DEFINE_MODULE(m, {"tag", tag, METH_O, NULL})
