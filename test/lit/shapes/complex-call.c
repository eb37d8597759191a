// <complex.h>'s functions take and give their complex values as pairs of
// doubles (x86-64: {double, double}, or <2 x float> for a float complex)
// and, like <math.h>'s, change nothing but errno; a product or quotient of
// complex values is a call of the compiler's runtime (__muldc3, __divdc3),
// which changes nothing at all. The core calls them (Cython 3's `x ** y`
// of doubles is cpow; astropy's cosmology functions multiply complex
// values). `angle` returns a complex where its power is not real, where the
// core bails (PyComplex_FromDoubles, the role ForeignBox): its caller calls
// the wrapper, which returns it. `rotate` only ever returns a complex:
// no core, and the remark names the box.
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'spin' (METH_VARARGS): double pyunbox_core_m_spin(double, double) [
// CHECK-DAG: remark: core for 'angle' (METH_VARARGS): double pyunbox_core_m_angle(double, double, int *); bails where the wrapper raises or returns an object no C scalar stands for [
// CHECK-DAG: remark: no core for 'rotate': returns only objects no C scalar stands for ({{.*}}PyComplex_FromDoubles{{.*}})

#include "../Inputs/module.h"
#include <complex.h>

static PyObject *spin(PyObject *self, PyObject *args) {
  double x, y;
  if (!PyArg_ParseTuple(args, "dd", &x, &y))
    return NULL;
  double complex z = (x + 2.0 * I) * (y - 1.0 * I) / (1.0 + x * I);
  return PyFloat_FromDouble(creal(cexp(z)) + cabs(csqrt(z)) + (double)cargf((float complex)z));
}

static PyObject *angle(PyObject *self, PyObject *args) {
  double x, y;
  if (!PyArg_ParseTuple(args, "dd", &x, &y))
    return NULL;
  double complex p = cpow(x, y);
  if (cimag(p) != 0.0)
    return PyComplex_FromDoubles(creal(p), cimag(p));
  return PyFloat_FromDouble(creal(p));
}
static PyObject *rotate(PyObject *self, PyObject *args) {
  double x, y;
  if (!PyArg_ParseTuple(args, "dd", &x, &y))
    return NULL;
  double complex p = (x + y * I) * I;
  return PyComplex_FromDoubles(creal(p), cimag(p));
}

DEFINE_MODULE(m, {"spin", spin, METH_VARARGS, NULL}, {"angle", angle, METH_VARARGS, NULL},
              {"rotate", rotate, METH_VARARGS, NULL})
