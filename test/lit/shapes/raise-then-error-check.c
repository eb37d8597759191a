// A wrapper that raises in one block and asks PyErr_Occurred() in a later
// one (after a store, so the core raises itself: pyerr). After the raise the
// answer is no longer known to be NULL: the core keeps the call, and returns
// where the wrapper returns NULL.
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'raise_then_check' (METH_O): long pyunbox_core_m_raise_then_check(long); raises itself, needs the GIL

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_raise_then_check(
// IR: call void @PyErr_SetString(
// IR: [[E:%.*]] = tail call ptr @PyErr_Occurred()
// IR-NEXT: icmp ne ptr [[E]], null

#include "../Inputs/module.h"

long last;

static PyObject *raise_then_check(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last = n;
  if (n < 0)
    PyErr_SetString(PyExc_ValueError, "raise_then_check: negative");
  if (PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n * 3);
}

DEFINE_MODULE(m, {"raise_then_check", raise_then_check, METH_O, NULL})
