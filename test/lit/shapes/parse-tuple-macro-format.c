// A format string built by concatenating macros is one constant string by the
// time the pass sees it.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'dot' (METH_VARARGS): double pyunbox_core_m_dot(double, double, double, double)

// IR-LABEL: define internal {{.*}}ptr @dot(ptr
// IR:         call {{.*}}@_PyArg_ParseTuple_SizeT(
// IR-LABEL: define {{.*}}double @pyunbox_core_m_dot(double noundef %0, double noundef %1, double noundef %2, double noundef %3)
// IR-NOT:     {{@_?Py}}
// IR:         ret double

#include "../Inputs/module.h"

#define COORD "d"
#define POINT COORD COORD

static PyObject *dot(PyObject *self, PyObject *args) {
  double x1, y1, x2, y2;
  if (!PyArg_ParseTuple(args, POINT POINT ":dot", &x1, &y1, &x2, &y2))
    return NULL;
  return PyFloat_FromDouble(x1 * x2 + y1 * y2);
}

DEFINE_MODULE(m, {"dot", dot, METH_VARARGS, NULL})
