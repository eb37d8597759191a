// Py_INCREF(Py_None); return Py_None;: the reference count traffic on None is
// gone from the core, which returns void and keeps the store to a global.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'store' (METH_O): void pyunbox_core_m_store(long)

// IR-LABEL: define internal {{.*}}ptr @store(ptr
// IR:         @_Py_NoneStruct
// IR-LABEL: define void @pyunbox_core_m_store(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         store i64 %0, ptr @last
// IR-NEXT:    ret void

#include "../Inputs/module.h"

long last;

static PyObject *store(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last = n;
  Py_INCREF(Py_None);
  return Py_None;
}

DEFINE_MODULE(m, {"store", store, METH_O, NULL})
