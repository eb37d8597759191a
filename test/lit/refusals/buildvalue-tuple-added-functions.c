// Where the table is added at import, no core may use the interpreter: a
// tuple of C scalars returned still gets its core, which needs none
// (shapes/buildvalue-tuple-result.c). A tuple built only to be looked at
// (checked_sum) would be a core's to build with the interpreter: the remark
// says why there is none; so does the remark on a 1-tuple looked at the
// same way ("(l)", no tuple a core returns), under Py_BuildValue's key.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: core for 'divmod' (METH_VARARGS): void pyunbox_core_m_divmod(long, long, long *, long *)

// REMARK: remark: no core for 'checked_sum': calls 'Py_REFCNT' for well-typed arguments; a core that needs the interpreter is made only for a function of a known module (it checks its result as CPython does, naming the function)

// REMARK: remark: no core for 'one': '_Py_BuildValue_SizeT' builds "(l)", not a single C scalar; a core that needs the interpreter is made only for a function of a known module (it checks its result as CPython does, naming the function)

// KEY: Name: Mined
// KEY: Function: divmod_
// KEY: Name: UsesInterpreter
// KEY: Function: checked_sum
// KEY: Name: UnsupportedBuildValue
// KEY: Function: one

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

static PyObject *one(PyObject *self, PyObject *args) {
  long a;
  if (!PyArg_ParseTuple(args, "l", &a))
    return NULL;
  PyObject *single = Py_BuildValue("(l)", a);
  long n = single ? (long)Py_REFCNT(single) : 0;
  Py_XDECREF(single);
  return PyLong_FromLong(a + n);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"divmod", divmod_, METH_VARARGS, NULL},
                               {"checked_sum", checked_sum, METH_VARARGS, NULL},
                               {"one", one, METH_VARARGS, NULL})
