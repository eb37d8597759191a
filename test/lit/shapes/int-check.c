// PyLong_Check(arg) and PyLong_CheckExact(arg) before unboxing an integer:
// the value a core's caller passes stands for an exact int, of which both are
// true, so the TypeError path is not the core's. Where the argument is then
// unboxed as a double (a float argument would fail the check) or as a _Bool
// (a bool is no exact int), a core would accept what the wrapper refuses.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// PyPy's macros read ob_type and tp_flags inline (no Py_TYPE call):
// RUN: %clang -O0 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'twice' (METH_O): long pyunbox_core_m_twice(long)
// CHECK-DAG: remark: core for 'exact_twice' (METH_O): long pyunbox_core_m_exact_twice(long)
// CHECK-DAG: remark: no core for 'int_as_double': checks that argument 1 is an int, but unboxes it as double
// CHECK-DAG: remark: no core for 'truth_exact': checks that argument 1 is an int, but unboxes it as _Bool

// KEY: Name: IntCheckOfNonInt
// KEY: Function: int_as_double
// KEY: Name: IntCheckOfNonInt
// KEY: Function: truth_exact

#include "../Inputs/module.h"
static PyObject *twice(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "twice: an int, please");
    return NULL;
  }
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * x);
}
static PyObject *exact_twice(PyObject *self, PyObject *arg) {
  if (!PyLong_CheckExact(arg)) {
    PyErr_SetString(PyExc_TypeError, "exact_twice: an exact int, please");
    return NULL;
  }
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * x);
}
static PyObject *int_as_double(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "int_as_double: an int, please");
    return NULL;
  }
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 2);
}
static PyObject *truth_exact(PyObject *self, PyObject *arg) {
  if (!PyLong_CheckExact(arg)) {
    PyErr_SetString(PyExc_TypeError, "truth_exact: an exact int, please");
    return NULL;
  }
  int t = PyObject_IsTrue(arg);
  if (t < 0)
    return NULL;
  return PyBool_FromLong(!t);
}
DEFINE_MODULE(m, {"twice", twice, METH_O, NULL},
                 {"exact_twice", exact_twice, METH_O, NULL},
                 {"int_as_double", int_as_double, METH_O, NULL},
                 {"truth_exact", truth_exact, METH_O, NULL})
