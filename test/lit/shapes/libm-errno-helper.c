// CPython's math_1: the wrapper hands its argument and a libm function to a
// helper that clears errno, calls the function through the pointer, and
// raises on a domain or range error. The pass looks into the helper (it gets
// the argument object), the pointer becomes a direct call, and each raise
// becomes a bail. errno is written, but it is thread-local: memory none.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'sqrt' (METH_O): double pyunbox_core_m_sqrt(double, int *)
// REMARK-DAG: remark: core for 'log' (METH_O): double pyunbox_core_m_log(double, int *)

// IR-LABEL: define {{.*}}double @pyunbox_core_m_sqrt(
// IR-NOT:     @Py
// IR:         @sqrt
// IR-NOT:     @Py
// IR:       }

// RECORD: "python_name": "sqrt", {{.*}}"memory": "none", "errors": "bail"
// RECORD: "python_name": "log", {{.*}}"memory": "none", "errors": "bail"

#include "../Inputs/module.h"
#include <errno.h>
#include <math.h>

static PyObject *math_1(PyObject *arg, double (*func)(double)) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  errno = 0;
  double r = (*func)(x);
  if (isnan(r) && !isnan(x)) {
    PyErr_SetString(PyExc_ValueError, "math domain error");
    return NULL;
  }
  if (isinf(r) && isfinite(x)) {
    PyErr_SetString(PyExc_ValueError, "math domain error");
    return NULL;
  }
  if (errno && r != 0.0)
    return PyErr_SetFromErrno(PyExc_OSError);
  return PyFloat_FromDouble(r);
}

static PyObject *m_sqrt(PyObject *self, PyObject *arg) { return math_1(arg, sqrt); }
static PyObject *m_log(PyObject *self, PyObject *arg) { return math_1(arg, log); }

DEFINE_MODULE(m, {"sqrt", m_sqrt, METH_O, NULL}, {"log", m_log, METH_O, NULL})
