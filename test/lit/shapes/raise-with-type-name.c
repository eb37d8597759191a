// A raise whose message names the argument's type (Py_TYPE(arg)->tp_name):
// reading the object only to build the message is fine, the core bails first.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK: remark: core for 'positive' (METH_O): long pyunbox_core_m_positive(long, int *)

#include "../Inputs/module.h"

static PyObject *positive(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n <= 0) {
    PyErr_Format(PyExc_ValueError, "expected a positive %s", Py_TYPE(arg)->tp_name);
    return NULL;
  }
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"positive", positive, METH_O, NULL})
