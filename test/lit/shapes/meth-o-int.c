// METH_O, _PyLong_AsInt boxed by PyLong_FromLong: an int parameter, a long result
// (the int is widened in the core, as in the wrapper).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'twice' (METH_O): long pyunbox_core_m_twice(int)

// IR-LABEL: define internal {{.*}}ptr @twice(ptr
// IR:         call i32 @_PyLong_AsInt(
// IR:         call ptr @PyLong_FromLong(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_twice(i32 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *twice(PyObject *self, PyObject *arg) {
  int x = _PyLong_AsInt(arg);
  if (x == (int)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x * 2);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL})
