// Tuples no core returns: one returned on some paths and None on others
// (MixedReturns), tuples whose items differ between returns, a tuple of an
// object, and a tuple of one item ("(l)": a core would return it through a
// pointer for nothing; Py_BuildValue builds a 1-tuple). With the
// interpreter, a core would return the object itself: the key is that last
// reason's where the first is Py_BuildValue's.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml

// REMARK-DAG: remark: no core for 'pair_or_none': returns both void and a tuple (long, long) results
// REMARK-DAG: remark: no core for 'pair_or_mixed': returns both a tuple (long, double) and a tuple (long, long) results
// REMARK-DAG: remark: no core for 'with_self': '_Py_BuildValue_SizeT' builds "(lO)", not a single C scalar; with the interpreter: uses self
// REMARK-DAG: remark: no core for 'one': '_Py_BuildValue_SizeT' builds "(l)", not a single C scalar; with the interpreter: returns an object that is not a boxed C scalar (a call of '_Py_BuildValue_SizeT')

// KEY: Name: ReturnsObject
// KEY: Function: one

#include "../Inputs/module.h"

static PyObject *pair_or_none(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (a > b)
    Py_RETURN_NONE;
  return Py_BuildValue("(ll)", a, b);
}

static PyObject *pair_or_mixed(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (a > b)
    return Py_BuildValue("(ld)", a, (double)b);
  return Py_BuildValue("(ll)", a, b);
}

static PyObject *with_self(PyObject *self, PyObject *args) {
  long a;
  if (!PyArg_ParseTuple(args, "l", &a))
    return NULL;
  return Py_BuildValue("(lO)", a, self);
}

static PyObject *one(PyObject *self, PyObject *args) {
  long a;
  if (!PyArg_ParseTuple(args, "l", &a))
    return NULL;
  return Py_BuildValue("(l)", a);
}

DEFINE_MODULE(m, {"pair_or_none", pair_or_none, METH_VARARGS, NULL},
              {"pair_or_mixed", pair_or_mixed, METH_VARARGS, NULL},
              {"with_self", with_self, METH_VARARGS, NULL}, {"one", one, METH_VARARGS, NULL})
