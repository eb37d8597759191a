// Argument Clinic's shape: the wrapper unboxes and hands `module` and the C
// values to an _impl function, which boxes. The analysis looks into such
// helpers (they receive self or an argument object), so the core is made,
// and the helper itself is left alone.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'scale' (METH_O): long pyunbox_core_m_scale(long)

// IR-LABEL: define internal ptr @scale(
// IR:         call ptr @scale_impl(ptr
// IR-LABEL: define internal ptr @scale_impl(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_scale(i64 noundef %0)
// IR-NOT:     call
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *scale_impl(PyObject *module, long x) {
  return PyLong_FromLong(3 * x);
}

static PyObject *scale(PyObject *module, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return scale_impl(module, x);
}

DEFINE_MODULE(m, {"scale", scale, METH_O, NULL})
