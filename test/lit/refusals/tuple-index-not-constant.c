// METH_VARARGS read without a parser, in a loop up to PyTuple_GET_SIZE(args)
// (cffi's ffi.offsetof has this shape): the arity varies, so no core, and the
// remark says why (it once said "never returns normally", which is false).
// RUN: %clang_pyunbox -O0 -fwrapv -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang_pyunbox -O2 -fwrapv -Rpass-missed=pyunbox %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// CHECK: remark: no core for 'total': reads its arguments at an index that is not a constant

// KEY: Name: ArgumentIndexNotConstant
// KEY: Function: total

#include "../Inputs/module.h"

static Py_ssize_t item(PyObject *o, Py_ssize_t *out) {
  Py_ssize_t v = PyLong_AsSsize_t(o);
  if (v == -1 && PyErr_Occurred())
    return -1;
  *out = v;
  return 0;
}

static PyObject *total(PyObject *self, PyObject *args) {
  Py_ssize_t i, sum = 0;
  if (PyTuple_Size(args) < 2) {
    PyErr_SetString(PyExc_TypeError, "total() expects at least 2 arguments");
    return NULL;
  }
  for (i = 1; i < PyTuple_GET_SIZE(args); i++) {
    Py_ssize_t v;
    if (item(PyTuple_GET_ITEM(args, i), &v) < 0)
      return NULL;
    sum += v;
  }
  return PyLong_FromSsize_t(sum);
}
DEFINE_MODULE(m, {"total", total, METH_VARARGS, NULL})
