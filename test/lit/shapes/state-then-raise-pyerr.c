// A wrapper that changes module state before it may raise: a bail would make
// the caller run the wrapper and change the state a second time, so the core
// raises itself instead (CPython's convention, errors "pyerr"): it keeps the
// PyErr_SetString, returns 0 with the exception set, and needs the GIL.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK: remark: core for 'count' (METH_O): long pyunbox_core_m_count(long); raises itself, needs the GIL

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_count(i64 noundef %0)
// IR:         store i64 {{.*}}@calls
// IR:         call void @PyErr_SetString(
// IR:       }

// RECORD: "c_prototype": "long pyunbox_core_m_count(long)", {{.*}}"needs_interpreter": true, "memory": "write", "errors": "pyerr"

#include "../Inputs/module.h"

static long calls;

static PyObject *count(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  calls++;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative");
    return NULL;
  }
  return PyLong_FromLong(calls);
}

DEFINE_MODULE(m, {"count", count, METH_O, NULL})
