// A wrapper that returns NULL without raising for some well-typed input (CPython
// then raises SystemError): the core bails there too, so the caller re-runs the
// wrapper and gets the same SystemError.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'nonneg' (METH_O): long pyunbox_core_m_nonneg(long, int *)

// IR: define {{.*}}i64 @pyunbox_core_m_nonneg(i64 noundef %0, ptr {{.*}}%[[BAIL:[0-9a-z]+]])
// IR:         store i32 1, ptr %[[BAIL]]

#include "../Inputs/module.h"

static PyObject *nonneg(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0) /* forgot to raise: SystemError in CPython */
    return NULL;
  return PyLong_FromLong(n);
}
DEFINE_MODULE(m, {"nonneg", nonneg, METH_O, NULL})
