// PyErr_Format with the unboxed value in its message: the core bails before
// the message is built, so the format and its arguments never reach it.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'to_byte' (METH_O): long pyunbox_core_m_to_byte(long, int *)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_to_byte(
// IR-NOT:     @Py
// IR-NOT:     @.str
// IR:       }

#include "../Inputs/module.h"

static PyObject *to_byte(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0 || n > 255) {
    PyErr_Format(PyExc_OverflowError, "%ld does not fit a byte", n);
    return NULL;
  }
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"to_byte", to_byte, METH_O, NULL})
