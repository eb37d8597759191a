// A module's static helper named like the C API whose only work is boxing its
// parameter (posix's PyLong_FromPy_off_t, the conversion of Clinic's Py_off_t
// return converter) is that box: the core returns the scalar.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK-DAG: remark: core for 'offset' (METH_O): long long pyunbox_core_m_offset(long long)
// REMARK-DAG: remark: no core for 'counted': calls 'PyLong_FromCounted' for well-typed arguments

#include "../Inputs/module.h"

static PyObject *PyLong_FromMy_off_t(long long off) { return PyLong_FromLongLong(off); }

static long boxed;

/* Does more than boxing: a call, not a box. */
static PyObject *PyLong_FromCounted(long x) {
  ++boxed;
  return PyLong_FromLong(x);
}

static PyObject *offset(PyObject *self, PyObject *arg) {
  long long x = PyLong_AsLongLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromMy_off_t(x + 4096);
}

static PyObject *counted(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromCounted(x);
}

DEFINE_MODULE(m, {"offset", offset, METH_O, NULL}, {"counted", counted, METH_O, NULL})
