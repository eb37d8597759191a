// A wrapper that calls libm's sqrt: a known library function, so the core may
// call it (at -O0 it is still a call of @sqrt in the core).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_pyunbox -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0IR

// REMARK: remark: core for 'hypot2' (METH_VARARGS): double pyunbox_core_m_hypot2(double, double)

// IR-LABEL: define internal {{.*}}ptr @hypot2(ptr
// IR-LABEL: define {{.*}}double @pyunbox_core_m_hypot2(double noundef %0, double noundef %1)
// IR-NOT:     {{@_?Py}}
// IR:         sqrt
// IR-NOT:     {{@_?Py}}
// IR:         ret double

// O0IR-LABEL: define {{.*}}double @pyunbox_core_m_hypot2(double noundef %0, double noundef %1)
// O0IR-NOT:     {{@_?Py}}
// O0IR:         call double @sqrt(
// O0IR-NOT:     {{@_?Py}}
// O0IR:         ret double

#include "../Inputs/module.h"

#include <math.h>

static PyObject *hypot2(PyObject *self, PyObject *args) {
  double x, y;
  if (!PyArg_ParseTuple(args, "dd", &x, &y))
    return NULL;
  return PyFloat_FromDouble(sqrt(x * x + y * y));
}

DEFINE_MODULE(m, {"hypot2", hypot2, METH_VARARGS, NULL})
