// A module's exported helper (named like the C API, as posix's
// _PyLong_FromUid) boxes -1 with PyLong_FromLong and a 32-bit id with
// PyLong_FromUnsignedLong. The unsigned box's value is a zero-extended 32-bit
// number, below 2^63, so it makes the same int PyLong_FromLong would: the
// core returns one long.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK-DAG: remark: core for 'owner' (METH_O): long pyunbox_core_m_owner(int)
// REMARK-DAG: remark: no core for 'wide': returns both long and unsigned long results

#include "../Inputs/module.h"

PyObject *_PyLong_FromOwnerId(unsigned int id) {
  if (id == (unsigned int)-1)
    return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(id);
}

static PyObject *owner(PyObject *self, PyObject *arg) {
  int fd = _PyLong_AsInt(arg);
  if (fd == -1 && PyErr_Occurred())
    return NULL;
  return _PyLong_FromOwnerId((unsigned int)fd * 7u);
}

/* A full-width unsigned value may not fit a long: two kinds of result. */
static PyObject *wide(PyObject *self, PyObject *arg) {
  unsigned long x = PyLong_AsUnsignedLong(arg);
  if (x == (unsigned long)-1 && PyErr_Occurred())
    return NULL;
  if (x == 0)
    return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(x * 3);
}

DEFINE_MODULE(m, {"owner", owner, METH_O, NULL}, {"wide", wide, METH_O, NULL})
