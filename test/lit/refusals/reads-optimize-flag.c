// A check that `python -O` skips, through the interpreter's Py_OptimizeFlag:
// a core would read the interpreter's state. The table is added at import,
// so no core may use the interpreter instead.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'checked_div': uses the interpreter's 'Py_OptimizeFlag'

// KEY: Name: UsesInterpreterState
// KEY: Function: checked_div

#include "../Inputs/module.h"

static PyObject *checked_div(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (!Py_OptimizeFlag && b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyLong_FromLong(b ? a / b : 0);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"checked_div", checked_div, METH_VARARGS, NULL})
