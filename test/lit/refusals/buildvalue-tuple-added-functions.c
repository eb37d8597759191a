// Py_BuildValue("(ll)", ...) builds a tuple, not a single C scalar; the
// table is added at import, so no core may use the interpreter to build it
// (refusals/buildvalue-tuple.c: the PyModuleDef's case). The remark still
// says what such a core would meet, as it does there: the key is its. A
// tuple built only to be looked at (checked_sum) would be such a core's to
// build: the remark says why there is none, under the key of the tuple.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'divmod': '_Py_BuildValue_SizeT' builds "(ll)", not a single C scalar; with the interpreter: returns an object that is not a boxed C scalar (a call of '_Py_BuildValue_SizeT')

// REMARK: remark: no core for 'checked_sum': '_Py_BuildValue_SizeT' builds "(ll)", not a single C scalar; a core that needs the interpreter is made only for a function of a known module (it checks its result as CPython does, naming the function)

// KEY: Name: ReturnsObject
// KEY: Function: divmod_
// KEY: Name: UnsupportedBuildValue
// KEY: Function: checked_sum

#include "../Inputs/module.h"

static PyObject *divmod_(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return Py_BuildValue("(ll)", a / b, a % b);
}

static PyObject *checked_sum(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  PyObject *pair = Py_BuildValue("(ll)", a, b);
  long n = pair ? (long)Py_REFCNT(pair) : 0;
  Py_XDECREF(pair);
  return PyLong_FromLong(a + b + n);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"divmod", divmod_, METH_VARARGS, NULL},
                               {"checked_sum", checked_sum, METH_VARARGS, NULL})
