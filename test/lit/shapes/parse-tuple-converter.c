// A format's "O&" unit hands an argument to a converter function. With one of
// the C API's converters the table knows (_PyLong_UnsignedInt_Converter) it
// unboxes a C scalar, a parameter of the core; with any other converter the
// analysis cannot tell what it does.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'scaled' (METH_VARARGS): long pyunbox_core_m_scaled(int, unsigned int)
// CHECK-DAG: remark: no core for 'own_converter': '{{_?PyArg_ParseTuple(_SizeT)?}}' format "O&:own_converter" converts argument 1 with 'small_converter', which is not known to unbox a C scalar

#include "../Inputs/module.h"

static PyObject *scaled(PyObject *self, PyObject *args) {
  int x;
  unsigned int factor = 1;
  if (!PyArg_ParseTuple(args, "i|O&:scaled", &x, _PyLong_UnsignedInt_Converter, &factor))
    return NULL;
  return PyLong_FromLong((long)x * (long)factor);
}

static int small_converter(PyObject *o, void *out) {
  *(long *)out = PyLong_AsLong(o) % 7;
  return !PyErr_Occurred();
}

static PyObject *own_converter(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, "O&:own_converter", small_converter, &x))
    return NULL;
  return PyLong_FromLong(x);
}

DEFINE_MODULE(m, {"scaled", scaled, METH_VARARGS, NULL},
                 {"own_converter", own_converter, METH_VARARGS, NULL})
