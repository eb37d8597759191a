// METH_O with PyArg_Parse(arg, "i:name", &x): one format unit converts the
// argument object itself (Argument Clinic does this for pid_t).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK-DAG: remark: core for 'twice' (METH_O): long pyunbox_core_m_twice(int)
// REMARK-DAG: remark: no core for 'pair': '{{_?}}PyArg_Parse{{(_SizeT)?}}' format "ii:pair" parses a tuple, but METH_O passes one object

#include "../Inputs/module.h"

static PyObject *twice(PyObject *module, PyObject *arg) {
  int x;
  if (!PyArg_Parse(arg, "i:twice", &x))
    return NULL;
  return PyLong_FromLong(2L * x);
}

static PyObject *pair(PyObject *module, PyObject *arg) {
  int x, y;
  if (!PyArg_Parse(arg, "ii:pair", &x, &y))
    return NULL;
  return PyLong_FromLong((long)x + y);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL}, {"pair", pair, METH_O, NULL})
