// What a wrapper returns tested for its exact type: Cython 3's `def f(...)
// -> int` (__Pyx_PyInt_FromNumber: Py_IS_TYPE(r, &PyLong_Type), else
// PyNumber_Long of it). Of a box the core makes the answer is known (a
// PyLong_From* box is an exact int, a PyFloat_FromDouble one an exact
// float): the test is a fact, its other way never runs, and the core returns
// the scalar. A test by hand of the type read (Py_TYPE(r) == &PyFloat_Type)
// is the same. The e2e Cython module's `triple` is the shape as Cython 3.3
// writes it (cython33-def-scalars.test).
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t.o0.o 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t.o2.o 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'triple' (METH_O): long pyunbox_core_m_triple(long)
// CHECK-DAG: remark: core for 'half' (METH_O): double pyunbox_core_m_half(double)
// CHECK-DAG: remark: no core for 'either': calls 'Py_DECREF' for well-typed arguments; with the interpreter: returns an object that is not a boxed C scalar (a call of 'PyFloat_FromDouble')

#include "../Inputs/module.h"

/* __Pyx_PyInt_FromNumber's shape: the exact int goes out as it is. */
static int as_int(PyObject **number) {
  if (Py_IS_TYPE(*number, &PyLong_Type))
    return 0;
  PyObject *converted = PyNumber_Long(*number);
  Py_DECREF(*number);
  *number = converted;
  return converted ? 0 : -1;
}

static PyObject *triple(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyLong_FromLong(x * 3);
  if (r == NULL || as_int(&r) < 0)
    return NULL;
  return r;
}

static PyObject *half(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyFloat_FromDouble(x / 2);
  if (r != NULL && Py_TYPE(r) != &PyFloat_Type) {
    Py_DECREF(r);
    return PyLong_FromLong(0);
  }
  return r;
}

/* The test of a float box for an int fails: its other way runs, which
 * releases the box (a call the core cannot make). */
static PyObject *either(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyFloat_FromDouble(x);
  if (r != NULL && !Py_IS_TYPE(r, &PyLong_Type)) {
    Py_DECREF(r);
    return PyLong_FromLong((long)x);
  }
  return r;
}

DEFINE_MODULE(m, {"triple", triple, METH_O, NULL}, {"half", half, METH_O, NULL},
              {"either", either, METH_O, NULL})
