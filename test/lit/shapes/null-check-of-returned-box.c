// A helper that returns its box, or NULL where boxing failed (Cython's
// cpdef function without a return type), and a wrapper that tests what it
// got and releases it on the failing path: after inlining, the wrapper
// tests a phi of the box and that NULL. In the core a box never fails, so
// the edge that brings the NULL never runs, and the phi is never NULL
// there (FactPropagation's nonNullWhereTaken): the test folds, and the
// release on the failing path goes with it. The same at -O0.
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s

// CHECK: remark: core for 'triple' (METH_O): long pyunbox_core_m_triple(long)
// CHECK-NOT: no core
#include "../Inputs/module.h"

static PyObject *boxed_triple(long x) {
  PyObject *r = PyLong_FromLong(x * 3);
  if (r == NULL)
    return NULL;
  return r;
}

static PyObject *triple(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (x > 1000000 || x < -1000000)
    x = 0;
  PyObject *t = boxed_triple(x);
  if (t == NULL) {
    Py_XDECREF(t);
    return NULL;
  }
  return t;
}

DEFINE_MODULE(m, {"triple", triple, METH_O, NULL})
