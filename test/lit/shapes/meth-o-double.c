// METH_O, PyFloat_AsDouble and PyFloat_FromDouble: the core is double(double).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'twice' (METH_O): double pyunbox_core_m_twice(double)

// IR-LABEL: define internal {{.*}}ptr @twice(ptr
// IR:         call double @PyFloat_AsDouble(
// IR:         call ptr @PyFloat_FromDouble(
// IR-LABEL: define {{.*}}double @pyunbox_core_m_twice(double noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret double

#include "../Inputs/module.h"

static PyObject *twice(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == (double)-1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * 2);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL})
