// C99 math functions that LLVM's library info does not know (hypot, fdim,
// fma, erf, ...) change nothing but errno, like the rest of libm: the core
// calls them (a generated module's hypot was once refused as reaching code
// outside the module). So do those with an integer in or out (lround,
// lrint, ilogb, ldexp, scalbn: 'rounded', 'scaled'; Cython's `lround(x)`
// from libc.math once kept a call that needed the GIL). frexp writes its
// exponent through a pointer, into the core's own stack: 'split'.
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'norm' (METH_VARARGS): double pyunbox_core_m_norm(double, double, double) [
// CHECK-DAG: remark: core for 'rounded' (METH_O): long pyunbox_core_m_rounded(double) [
// CHECK-DAG: remark: core for 'scaled' (METH_VARARGS): double pyunbox_core_m_scaled(double, int) [
// CHECK-DAG: remark: core for 'split' (METH_O): double pyunbox_core_m_split(double) [

#include "../Inputs/module.h"
#include <math.h>

static PyObject *norm(PyObject *self, PyObject *args) {
  double x, y, z;
  if (!PyArg_ParseTuple(args, "ddd", &x, &y, &z))
    return NULL;
  return PyFloat_FromDouble(fma(hypot(x, y), fdim(z, 1.0), 0.5));
}

static PyObject *rounded(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(lround(x) + lrint(x) + (long)llround(x) + ilogb(x + 1.0));
}

static PyObject *scaled(PyObject *self, PyObject *args) {
  double x;
  int e;
  if (!PyArg_ParseTuple(args, "di", &x, &e))
    return NULL;
  return PyFloat_FromDouble(ldexp(x, e) + scalbn(x, 2) + scalbln(x, -1L));
}

static PyObject *split(PyObject *self, PyObject *arg) {
  int e;
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(frexp(x, &e) + e);
}

DEFINE_MODULE(m, {"norm", norm, METH_VARARGS, NULL}, {"rounded", rounded, METH_O, NULL},
              {"scaled", scaled, METH_VARARGS, NULL}, {"split", split, METH_O, NULL})
