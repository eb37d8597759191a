// Python 2-era code rejects a float by looking at the tuple's item before
// PyArg_ParseTuple parses the same tuple: the parse and the item read are two
// views of one argument that the pass does not join.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'scale': both parses its argument tuple and reads its items

// KEY: Name: ParsesTwice
// KEY: Function: scale

#include "../Inputs/module.h"

static PyObject *scale(PyObject *self, PyObject *args) {
  long n;
  if (PyTuple_GET_SIZE(args) == 1 && PyFloat_Check(PyTuple_GET_ITEM(args, 0))) {
    PyErr_SetString(PyExc_TypeError, "integer argument expected, got float");
    return NULL;
  }
  if (!PyArg_ParseTuple(args, "l:scale", &n))
    return NULL;
  return PyLong_FromLong(3 * n);
}

DEFINE_MODULE(m, {"scale", scale, METH_VARARGS, NULL})
