// With the interpreter (a core that calls a function of another file), a
// box is the wrapper's result only where it goes nowhere else: returned,
// merged into what is returned, compared with NULL, or released on the
// path where it is NULL (Cython 0.29's cpdef without a return type tests
// its C function's box and __Pyx_XDECREFs it where boxing failed), a path
// that never runs in the core. A release that runs (the box made and
// dropped for another result) keeps the core from being made: the box
// would be gone from the core while the release still ran. A box only
// released, never returned (_testcapi's test_decref_doesnt_leak), is an
// object such a core makes and releases itself.
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s

// CHECK-DAG: remark: core for 'released_where_null' (METH_O): long pyunbox_core_m_released_where_null(long); raises itself, needs the GIL
// CHECK-DAG: remark: core for 'made_and_released' (METH_NOARGS): void pyunbox_core_m_made_and_released(void); raises itself, needs the GIL
// CHECK-DAG: remark: no core for 'released_and_replaced': calls 'elsewhere', which reaches code outside this module that may use the interpreter; with the interpreter: uses its result object for more than returning it (a call of 'Py_XDECREF')
#include "../Inputs/module.h"

extern long elsewhere(long);

static PyObject *released_where_null(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyLong_FromLong(elsewhere(x));
  if (r == NULL) {
    Py_XDECREF(r);
    return NULL;
  }
  return r;
}

static PyObject *released_and_replaced(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long v = elsewhere(x);
  PyObject *r = PyLong_FromLong(v);
  if (v > 10) {
    Py_XDECREF(r);
    return PyLong_FromLong(v - 10);
  }
  return r;
}

static PyObject *made_and_released(PyObject *self, PyObject *unused) {
  Py_DECREF(PyLong_FromLong(0));
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"released_where_null", released_where_null, METH_O, NULL},
              {"released_and_replaced", released_and_replaced, METH_O, NULL},
              {"made_and_released", made_and_released, METH_NOARGS, NULL})
