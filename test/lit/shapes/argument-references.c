// References to argument objects taken and released again are neutral where
// they pair up on every path to a return (ArgumentReferences.cpp): a core
// has no objects, so it has nothing to count. Hand-written brackets
// (Py_INCREF ... Py_DECREF), and Cython 3.1's values[] of new references
// (Py_NewRef(args[i])) released by a loop on every exit, which drafting
// unrolls so that values[] leaves memory. A reference kept past the return,
// released without being taken, or taken on some paths only is refused.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'bracket' (METH_O): long pyunbox_core_m_bracket(long)
// REMARK-DAG: remark: core for 'values' (METH_FASTCALL): long pyunbox_core_m_values(long, long)
// REMARK-DAG: remark: no core for 'leak': returns holding 1 more reference to argument 1 than it was passed
// REMARK-DAG: remark: no core for 'over': releases argument 1 (a call of 'Py_DECREF') without having taken a reference to it
// REMARK-DAG: remark: no core for 'sometimes': holds a reference to argument 1 on some paths only

// KEY: Name: UnbalancedArgumentReference
// KEY: Name: UnbalancedArgumentReference
// KEY: Name: UnbalancedArgumentReference

// Nothing of the counting is left in the cores.
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_bracket(
// IR-NOT:     call
// IR:       ret i64
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_values(
// IR-NOT:     call
// IR:       ret i64

#include "../Inputs/module.h"

static PyObject *bracket(PyObject *self, PyObject *arg) {
  Py_INCREF(arg);
  long v = PyLong_AsLong(arg);
  Py_DECREF(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 3);
}

// Cython 3.1's shape: each argument a new reference in values[], all of
// them released on every exit, the error path's too.
static PyObject *values(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *values[2] = {0, 0};
  PyObject *r = NULL;
  long a, b;
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "values() takes 2 arguments");
    goto error;
  }
  values[0] = Py_NewRef(args[0]);
  values[1] = Py_NewRef(args[1]);
  a = PyLong_AsLong(values[0]);
  if (a == -1 && PyErr_Occurred())
    goto error;
  b = PyLong_AsLong(values[1]);
  if (b == -1 && PyErr_Occurred())
    goto error;
  r = PyLong_FromLong(a - b);
  for (Py_ssize_t i = 0; i < (Py_ssize_t)(sizeof(values) / sizeof(values[0])); ++i)
    Py_XDECREF(values[i]);
  return r;
error:
  for (Py_ssize_t i = 0; i < (Py_ssize_t)(sizeof(values) / sizeof(values[0])); ++i)
    Py_XDECREF(values[i]);
  return NULL;
}

static PyObject *leak(PyObject *self, PyObject *arg) {
  Py_INCREF(arg);
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v);
}

static PyObject *over(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  Py_DECREF(arg);
  return PyLong_FromLong(v);
}

static PyObject *sometimes(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  if (v > 0)
    Py_INCREF(arg);
  return PyLong_FromLong(v);
}

DEFINE_MODULE(m, {"bracket", bracket, METH_O, NULL},
                 {"values", (PyCFunction)values, METH_FASTCALL, NULL},
                 {"leak", leak, METH_O, NULL},
                 {"over", over, METH_O, NULL},
                 {"sometimes", sometimes, METH_O, NULL})
