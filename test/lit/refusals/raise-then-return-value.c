// A common bug: after counting the call, the wrapper raises for a negative
// argument but forgets to return NULL, and returns a value with the
// exception set. A bail would count twice; a core that raises itself would
// return a value after raising, and the table is added at import, so it
// could not check its result as CPython does (which turns that value into a
// SystemError).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'isqrt': may raise after changing state that outlives the call ('store'), so a bail would repeat it; raising in the core: may return a value after raising (a call of 'PyLong_FromLong')

// KEY: Name: ValueAfterRaise
// KEY: Function: isqrt

#include "../Inputs/module.h"

static long calls;

static PyObject *isqrt(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  calls++;
  if (n < 0)
    PyErr_SetString(PyExc_ValueError, "isqrt() argument must be nonnegative");
  long r = 0;
  while ((r + 1) * (r + 1) <= n)
    r++;
  return PyLong_FromLong(r);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"isqrt", isqrt, METH_O, NULL})
