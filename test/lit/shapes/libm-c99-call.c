// C99 math functions that LLVM's library info does not know (hypot, fdim,
// fma, erf, ...) change nothing but errno, like the rest of libm: the core
// calls them (a generated module's hypot was once refused as reaching code
// outside the module).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK: remark: core for 'norm' (METH_VARARGS): double pyunbox_core_m_norm(double, double, double) [

#include "../Inputs/module.h"
#include <math.h>

static PyObject *norm(PyObject *self, PyObject *args) {
  double x, y, z;
  if (!PyArg_ParseTuple(args, "ddd", &x, &y, &z))
    return NULL;
  return PyFloat_FromDouble(fma(hypot(x, y), fdim(z, 1.0), 0.5));
}
DEFINE_MODULE(m, {"norm", norm, METH_VARARGS, NULL})
