// A loop over the arguments whose trip count is `nargs`, which no check
// bounds from above (after an `nargs == K` test the draft takes nargs as K
// and unrolls; within a range it unrolls for the most,
// shapes/argument-count-range.c): no argument can be told from another,
// and the remark says so (it once said "never returns normally", which is
// false).
// RUN: %clang_pyunbox -O0 -fwrapv -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang_pyunbox -O2 -fwrapv -Rpass-missed=pyunbox %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// CHECK: remark: no core for 'sum3': reads its arguments at an index that is not a constant (a loop over them whose trip count is not a constant)

// KEY: Name: ArgumentIndexNotConstant
// KEY: Function: sum3

#include "../Inputs/module.h"

static PyObject *sum3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  int i;
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "sum3 takes at least 1 argument");
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
DEFINE_MODULE(m, {"sum3", (PyCFunction)(void (*)(void))sum3, METH_FASTCALL, NULL})
