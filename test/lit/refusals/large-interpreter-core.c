// A module's function that uses the interpreter for a lot of work: a core
// would need the GIL and would save its caller only the boxing, while copying
// all that work (compile time, code size). Past 250 instructions of the
// wrapper's work, no core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'fill': {{.*}}with the interpreter: uses the interpreter for {{[0-9]+}} instructions of work (more than 250): a core would save only the boxing, for a copy of it all

// KEY: Name: LargeInterpreterCore
// KEY: Function: fill

#include "../Inputs/module.h"

static PyObject *cache;

#define PUT(k) if (PyDict_SetItem(cache, PyTuple_GET_ITEM(keys, k), Py_None) < 0) return NULL;
#define PUT8(k) PUT(k) PUT(k + 1) PUT(k + 2) PUT(k + 3) PUT(k + 4) PUT(k + 5) PUT(k + 6) PUT(k + 7)

static PyObject *keys;

static PyObject *fill(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PUT8(0) PUT8(8) PUT8(16) PUT8(24) PUT8(32) PUT8(40) PUT8(48) PUT8(56)
  return PyLong_FromSsize_t(PyDict_Size(cache) + n);
}

DEFINE_MODULE(m, {"fill", fill, METH_O, NULL})
