// METH_O, PyLong_AsUnsignedLong and PyLong_FromUnsignedLong: the core is
// unsigned long(unsigned long).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'twice' (METH_O): unsigned long pyunbox_core_m_twice(unsigned long)

// IR-LABEL: define internal {{.*}}ptr @twice(ptr
// IR:         call i64 @PyLong_AsUnsignedLong(
// IR:         call ptr @PyLong_FromUnsignedLong(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_twice(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *twice(PyObject *self, PyObject *arg) {
  unsigned long x = PyLong_AsUnsignedLong(arg);
  if (x == (unsigned long)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromUnsignedLong(x * 2);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL})
