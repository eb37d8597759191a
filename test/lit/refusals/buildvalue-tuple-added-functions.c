// Py_BuildValue("(ll)", ...) builds a tuple, not a single C scalar; the
// table is added at import, so no core may use the interpreter to build it
// (refusals/buildvalue-tuple.c: the PyModuleDef's case). The remark still
// says what such a core would meet, as it does there: the key is its.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'divmod': '_Py_BuildValue_SizeT' builds "(ll)", not a single C scalar; with the interpreter: returns an object that is not a boxed C scalar (a call of '_Py_BuildValue_SizeT')

// KEY: Name: ReturnsObject
// KEY: Function: divmod_

#include "../Inputs/module.h"

static PyObject *divmod_(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return Py_BuildValue("(ll)", a / b, a % b);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"divmod", divmod_, METH_VARARGS, NULL})
