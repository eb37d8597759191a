// Py_BuildValue with one scalar code ("l", "i", "n", "d") boxes that scalar: the
// core returns it in its own C type.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'bv_l' (METH_O): long pyunbox_core_m_bv_l(long)
// REMARK: remark: core for 'bv_i' (METH_O): int pyunbox_core_m_bv_i(int)
// REMARK: remark: core for 'bv_n' (METH_O): Py_ssize_t pyunbox_core_m_bv_n(Py_ssize_t)
// REMARK: remark: core for 'bv_d' (METH_O): double pyunbox_core_m_bv_d(double)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_bv_l(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}}i32 @pyunbox_core_m_bv_i(i32 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i32
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_bv_n(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}}double @pyunbox_core_m_bv_d(double noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret double

#include "../Inputs/module.h"

static PyObject *bv_l(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("l", n + 1);
}

static PyObject *bv_i(PyObject *self, PyObject *arg) {
  int n = _PyLong_AsInt(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("i", n + 1);
}

static PyObject *bv_n(PyObject *self, PyObject *arg) {
  Py_ssize_t n = PyLong_AsSsize_t(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("n", n + 1);
}

static PyObject *bv_d(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("d", x + 1);
}

DEFINE_MODULE(m, {"bv_l", bv_l, METH_O, NULL},
                 {"bv_i", bv_i, METH_O, NULL},
                 {"bv_n", bv_n, METH_O, NULL},
                 {"bv_d", bv_d, METH_O, NULL})
