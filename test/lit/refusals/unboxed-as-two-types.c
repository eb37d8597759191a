// The same argument is unboxed as a double and as a long: a core has one C
// type per parameter.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'frac': argument 1 is unboxed both as double and as long

// KEY: Name: ConflictingUnboxers
// KEY: Function: frac

#include "../Inputs/module.h"

/* frac(x): x minus its integer part, written for Pythons before 3.10, where
   PyLong_AsLong truncated a float (through __int__). */
static PyObject *frac(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  long whole = PyLong_AsLong(arg);
  if (whole == -1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x - (double)whole);
}

DEFINE_MODULE(m, {"frac", frac, METH_O, NULL})
