// `if (r == NULL) return NULL;` after boxing: a box never fails in the core, so
// the check folds away and the core is made.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'inc' (METH_O): long pyunbox_core_m_inc(long)

// IR-LABEL: define internal {{.*}}ptr @inc(ptr
// IR:         call ptr @PyLong_FromLong(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_inc(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         add nsw i64 %0, 1
// IR-NEXT:    ret i64

#include "../Inputs/module.h"

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = PyLong_FromLong(n + 1);
  if (r == NULL)
    return NULL;
  return r;
}

DEFINE_MODULE(m, {"inc", inc, METH_O, NULL})
