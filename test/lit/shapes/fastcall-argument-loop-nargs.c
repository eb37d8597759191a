// A loop over the arguments up to nargs, after the arity check `nargs != 3`:
// where that test's "equal" edge leads, nargs is 3 (the draft propagates the
// equality, as GVN would), so the loop unrolls and each read has its slot.
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'sum3' (METH_FASTCALL): double pyunbox_core_m_sum3(double, double, double){{$| }}
// CHECK-DAG: remark: core for 'wsum3' (METH_FASTCALL): double pyunbox_core_m_wsum3(double, double, double){{$| }}

#include "../Inputs/module.h"

static PyObject *sum3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  int i; /* wraps under -fwrapv: its sign extension is no induction variable */
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "sum3 takes 3 arguments");
    return NULL;
  }
  for (i = 0; i < nargs; i++) {
    double v = PyFloat_AsDouble(args[i]);
    if (v == -1.0 && PyErr_Occurred())
      return NULL;
    s += v;
  }
  return PyFloat_FromDouble(s);
}
static PyObject *wsum3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  if (nargs == 3) {
    for (Py_ssize_t i = 0; i < nargs; i++) {
      double v = PyFloat_AsDouble(args[i]);
      if (v == -1.0 && PyErr_Occurred())
        return NULL;
      s += (i + 1) * v;
    }
    return PyFloat_FromDouble(s);
  }
  PyErr_SetString(PyExc_TypeError, "wsum3 takes 3 arguments");
  return NULL;
}
DEFINE_MODULE(m, {"sum3", (PyCFunction)(void (*)(void))sum3, METH_FASTCALL, NULL},
                 {"wsum3", (PyCFunction)(void (*)(void))wsum3, METH_FASTCALL, NULL})
