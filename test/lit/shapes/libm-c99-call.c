// C99 math functions that LLVM's library info does not know (hypot, fdim,
// fma, erf, ...) change nothing but errno, like the rest of libm: the core
// calls them (a generated module's hypot was once refused as reaching code
// outside the module).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK: remark: core for 'norm' (METH_VARARGS): double pyunbox_core_m_norm(double, double, double) [

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

static PyObject *norm(PyObject *self, PyObject *args) {
  double x, y, z;
  if (!PyArg_ParseTuple(args, "ddd", &x, &y, &z))
    return NULL;
  return PyFloat_FromDouble(fma(hypot(x, y), fdim(z, 1.0), 0.5));
}
static PyMethodDef methods[] = {{"norm", norm, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
