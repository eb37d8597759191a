// PyArg_ParseTuple with "|l": the core takes the optional argument too (full
// arity); a call without it goes to the wrapper.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK: remark: core for 'inc' (METH_VARARGS): long pyunbox_core_m_inc(long)


#include "../Inputs/module.h"

static PyObject *inc(PyObject *self, PyObject *args) {
  long n = 0;
  if (!PyArg_ParseTuple(args, "|l", &n))
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(m, {"inc", inc, METH_VARARGS, NULL})
