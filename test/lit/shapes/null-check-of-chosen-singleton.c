// A NULL check of a singleton chosen on two ways, each with a new reference
// (Cython 3.1's __Pyx_PyBool_FromLong: b ? __Pyx_NewRef(Py_True) :
// __Pyx_NewRef(Py_False)), and a Py_XDECREF of it where the check fails:
// the choice is never NULL, so the check and the release fold away.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'is_pos' (METH_O): _Bool pyunbox_core_m_is_pos(long)

// IR-LABEL: define {{.*}}zeroext i1 @pyunbox_core_m_is_pos(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i1

#include "../Inputs/module.h"

static inline PyObject *bool_from_long(long b) {
  return b ? Py_NewRef(Py_True) : Py_NewRef(Py_False);
}

static PyObject *is_pos(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = bool_from_long(n > 0);
  if (r == NULL) {
    Py_XDECREF(r);
    return NULL;
  }
  return r;
}

DEFINE_MODULE(m, {"is_pos", is_pos, METH_O, NULL})
