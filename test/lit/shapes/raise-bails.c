// A wrapper that raises from its own code: where it raises, the core bails
// (sets *bail and returns), and the caller re-runs the wrapper for the exact
// exception. The core takes int *bail after its value parameters.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK: remark: core for 'recip' (METH_O): double pyunbox_core_m_recip(double, int *)

// IR: define {{.*}}double @pyunbox_core_m_recip(double noundef %0, ptr noalias {{(nocapture )?}}noundef nonnull writeonly {{(captures\(none\) )?}}%[[BAIL:[0-9a-z]+]])
// IR-NOT:     @Py
// IR:         store i32 1, ptr %[[BAIL]]
// IR-NOT:     @Py
// IR:       }

// RECORD: "c_prototype": "double pyunbox_core_m_recip(double, int *)"
// RECORD-SAME: "param_types": ["double"]
// RECORD-SAME: "needs_interpreter": false, "memory": "none", "errors": "bail"

#include "../Inputs/module.h"

static PyObject *recip(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  if (x == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyFloat_FromDouble(1.0 / x);
}

DEFINE_MODULE(m, {"recip", recip, METH_O, NULL})
