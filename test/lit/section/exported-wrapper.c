// A wrapper with external linkage may be interposed; the record reaches it
// through a local alias, so linking needs no text relocation and the address
// the dump resolves is the wrapper's own.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t/e.o
// RUN: %clang -shared -fuse-ld=lld %t/e.o -o %t/e.so
// RUN: %clang -shared %t/e.o -o %t/bfd.so 2>&1 | count 0
// RUN: %dump --json %t/e.so > %t/both.txt
// RUN: %llvm-readelf --syms %t/e.so >> %t/both.txt
// RUN: FileCheck %s < %t/both.txt

// CHECK: "wrapper_symbol": "exported_inc"
// CHECK-SAME: "wrapper_address": "0x[[WRAPPER:[0-9a-f]+]]"
// CHECK: {{0*}}[[WRAPPER]] {{.*}} FUNC GLOBAL DEFAULT {{.*}} exported_inc
#include "../Inputs/module.h"

PyObject *exported_inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(exp, {"inc", exported_inc, METH_O, NULL})
