// METH_FASTCALL arguments unboxed in a loop of constant trip count: the draft
// unrolls it, so each unboxing reads a fixed argument and the core takes three
// doubles. The early return inside the loop is an unboxing error: no bail.
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'dot3' (METH_FASTCALL): double pyunbox_core_m_dot3(double, double, double){{$| }}

// IR-LABEL: define {{.*}}double @pyunbox_core_m_dot3(double noundef %0, double noundef %1, double noundef %2)
// IR-NEXT:    {{.*}} = {{.*}}(double %0, double %1, double %2)
// IR-NEXT:    ret double

#include "../Inputs/module.h"

static PyObject *dot3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double v[3];
  int i;
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "dot3 takes 3 arguments");
    return NULL;
  }
  for (i = 0; i < 3; i++) {
    v[i] = PyFloat_AsDouble(args[i]);
    if (v[i] == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble(v[0] * v[1] + v[2]);
}
DEFINE_MODULE(m, {"dot3", (PyCFunction)(void (*)(void))dot3, METH_FASTCALL, NULL})
