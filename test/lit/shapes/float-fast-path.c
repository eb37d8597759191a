// The float fast path PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o)
// unboxes o as a double: both arms are o's value, so the type check and the
// direct read of ob_fval are gone from the core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'half' (METH_O): double pyunbox_core_m_half(double)

// IR-LABEL: define internal {{.*}}ptr @half(ptr
// IR:         @PyFloat_Type
// IR:         call double @PyFloat_AsDouble(
// IR-LABEL: define {{.*}}double @pyunbox_core_m_half(double noundef %0)
// IR-NOT:     {{@_?Py}}
// IR-NOT:     load
// IR:         fmul double %0, 5.000000e-01
// IR-NEXT:    ret double

#include "../Inputs/module.h"

static PyObject *half(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 2);
}

DEFINE_MODULE(m, {"half", half, METH_O, NULL})
