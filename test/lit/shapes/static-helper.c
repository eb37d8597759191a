// A wrapper that calls a static helper doing plain arithmetic: the helper stays a
// call at -O0 and is inlined at -O2; either way the core has no interpreter call.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_pyunbox -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0IR

// REMARK: remark: core for 'gcd' (METH_VARARGS): long pyunbox_core_m_gcd(long, long)

// IR-LABEL: define internal {{.*}}ptr @py_gcd(ptr
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_gcd(i64 noundef %0, i64 noundef %1)
// IR-NOT:     {{@_?Py}}
// IR:         srem i64
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

// O0IR-LABEL: define internal i64 @gcd(
// O0IR-LABEL: define {{.*}}i64 @pyunbox_core_m_gcd(i64 noundef %0, i64 noundef %1)
// O0IR-NOT:     {{@_?Py}}
// O0IR:         call i64 @gcd(i64 noundef %0, i64 noundef %1)
// O0IR-NOT:     {{@_?Py}}
// O0IR:         ret i64

#include "../Inputs/module.h"

static long gcd(long a, long b) {
  while (b != 0) {
    long t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

static PyObject *py_gcd(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return PyLong_FromLong(gcd(a, b));
}

DEFINE_MODULE(m, {"gcd", py_gcd, METH_VARARGS, NULL})
