// The argument object passed to another C-API call (PyObject_Hash) besides its
// unboxer.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'hash_plus': argument 1 is used for more than unboxing (a call of 'PyObject_Hash')

// KEY: Name: ArgumentEscapes
// KEY: Function: hash_plus

// IR: define internal {{.*}}ptr @hash_plus(

#include "../Inputs/module.h"

static PyObject *hash_plus(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + PyObject_Hash(arg));
}

DEFINE_MODULE(m, {"hash_plus", hash_plus, METH_O, NULL})
