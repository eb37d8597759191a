// A module's function that changes state, then returns NULL without raising
// on some path (a bug CPython reports as a SystemError). Its core raises
// itself and checks its result as CPython does: where it would return NULL
// with no exception set, it sets CPython's SystemError, with the same message.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'remember' (METH_O): long pyunbox_core_m_remember(long); raises itself, needs the GIL

// IR: c"<built-in function remember> returned NULL without setting an exception\00"
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_remember(i64 noundef %0)
// IR: call ptr @PyErr_Occurred()
// IR: call void @PyErr_SetString(

#include "../Inputs/module.h"

static long last;

static PyObject *remember(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last = n;
  if (n < 0)
    return NULL; /* forgot to raise */
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"remember", remember, METH_O, NULL})
