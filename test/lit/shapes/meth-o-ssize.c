// METH_O, PyLong_AsSsize_t and PyLong_FromSsize_t: the core is Py_ssize_t(Py_ssize_t).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'twice' (METH_O): Py_ssize_t pyunbox_core_m_twice(Py_ssize_t)

// IR-LABEL: define internal {{.*}}ptr @twice(ptr
// IR:         call i64 @PyLong_AsSsize_t(
// IR:         call ptr @PyLong_FromSsize_t(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_twice(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *twice(PyObject *self, PyObject *arg) {
  Py_ssize_t x = PyLong_AsSsize_t(arg);
  if (x == (Py_ssize_t)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromSsize_t(x * 2);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL})
