// The boxed result is also kept (borrowed) in a global for later: a core
// returns the C value and makes no object to keep.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'square': uses its result object for more than returning it ('store')

// KEY: Name: BoxedResultEscapes
// KEY: Function: square

#include "../Inputs/module.h"

static PyObject *last_result; /* borrowed; get_last would return it */

static PyObject *square(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyLong_FromLong(n * n);
  last_result = r;
  return r;
}

DEFINE_MODULE(m, {"square", square, METH_O, NULL})
