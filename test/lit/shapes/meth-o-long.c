// METH_O, PyLong_AsLong and PyLong_FromLong: the core is long(long).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'inc' (METH_O): long pyunbox_core_m_inc(long)

// KEY: Name: Mined
// KEY: Function: inc

// IR-LABEL: define internal {{.*}}ptr @inc(ptr
// IR:         call i64 @PyLong_AsLong(
// IR:         call ptr @PyLong_FromLong(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_inc(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-NEXT:  }

#include "../Inputs/module.h"

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(m, {"inc", inc, METH_O, NULL})
