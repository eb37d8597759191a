// Py_RETURN_NONE: the core returns void and keeps the wrapper's side effect.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'bump' (METH_O): void pyunbox_core_m_bump(long)

// IR-LABEL: define internal {{.*}}ptr @bump(ptr
// IR:         @_Py_NoneStruct
// IR-LABEL: define void @pyunbox_core_m_bump(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         store i64 {{.*}}, ptr @counter
// IR-NOT:     {{@_?Py}}
// IR:         ret void

#include "../Inputs/module.h"

static long counter;

static PyObject *bump(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  counter += n;
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"bump", bump, METH_O, NULL})
