// METH_VARARGS with PyArg_ParseTuple: each numeric format code gives a parameter of
// the C type that code stores, with the ABI's extension attributes (b h H p are
// extended; 'p' stores an int but is a _Bool parameter).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'code_b' (METH_VARARGS): long pyunbox_core_m_code_b(unsigned char)
// REMARK: remark: core for 'code_h' (METH_VARARGS): long pyunbox_core_m_code_h(short)
// REMARK: remark: core for 'code_H' (METH_VARARGS): long pyunbox_core_m_code_H(unsigned short)
// REMARK: remark: core for 'code_i' (METH_VARARGS): long pyunbox_core_m_code_i(int)
// REMARK: remark: core for 'code_I' (METH_VARARGS): long pyunbox_core_m_code_I(unsigned int)
// REMARK: remark: core for 'code_l' (METH_VARARGS): long pyunbox_core_m_code_l(long)
// REMARK: remark: core for 'code_k' (METH_VARARGS): long pyunbox_core_m_code_k(unsigned long)
// REMARK: remark: core for 'code_L' (METH_VARARGS): long pyunbox_core_m_code_L(long long)
// REMARK: remark: core for 'code_K' (METH_VARARGS): long pyunbox_core_m_code_K(unsigned long long)
// REMARK: remark: core for 'code_n' (METH_VARARGS): long pyunbox_core_m_code_n(Py_ssize_t)
// REMARK: remark: core for 'code_f' (METH_VARARGS): long pyunbox_core_m_code_f(float)
// REMARK: remark: core for 'code_d' (METH_VARARGS): long pyunbox_core_m_code_d(double)
// REMARK: remark: core for 'code_p' (METH_VARARGS): long pyunbox_core_m_code_p(_Bool)

// IR-LABEL: define {{.*}} @pyunbox_core_m_code_b(i8 noundef zeroext {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_h(i16 noundef signext {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_H(i16 noundef zeroext {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_i(i32 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_I(i32 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_l(i64 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_k(i64 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_L(i64 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_K(i64 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_n(i64 noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_f(float noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_d(double noundef {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_code_p(i1 noundef zeroext {{(returned )?}}%0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *code_b(PyObject *self, PyObject *args) {
  unsigned char x;
  if (!PyArg_ParseTuple(args, "b", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_h(PyObject *self, PyObject *args) {
  short x;
  if (!PyArg_ParseTuple(args, "h", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_H(PyObject *self, PyObject *args) {
  unsigned short x;
  if (!PyArg_ParseTuple(args, "H", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_i(PyObject *self, PyObject *args) {
  int x;
  if (!PyArg_ParseTuple(args, "i", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_I(PyObject *self, PyObject *args) {
  unsigned int x;
  if (!PyArg_ParseTuple(args, "I", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_l(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, "l", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_k(PyObject *self, PyObject *args) {
  unsigned long x;
  if (!PyArg_ParseTuple(args, "k", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_L(PyObject *self, PyObject *args) {
  long long x;
  if (!PyArg_ParseTuple(args, "L", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_K(PyObject *self, PyObject *args) {
  unsigned long long x;
  if (!PyArg_ParseTuple(args, "K", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_n(PyObject *self, PyObject *args) {
  Py_ssize_t x;
  if (!PyArg_ParseTuple(args, "n", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_f(PyObject *self, PyObject *args) {
  float x;
  if (!PyArg_ParseTuple(args, "f", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_d(PyObject *self, PyObject *args) {
  double x;
  if (!PyArg_ParseTuple(args, "d", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

static PyObject *code_p(PyObject *self, PyObject *args) {
  int x;
  if (!PyArg_ParseTuple(args, "p", &x))
    return NULL;
  return PyLong_FromLong((long)x);
}

DEFINE_MODULE(m, {"code_b", code_b, METH_VARARGS, NULL},
                 {"code_h", code_h, METH_VARARGS, NULL},
                 {"code_H", code_H, METH_VARARGS, NULL},
                 {"code_i", code_i, METH_VARARGS, NULL},
                 {"code_I", code_I, METH_VARARGS, NULL},
                 {"code_l", code_l, METH_VARARGS, NULL},
                 {"code_k", code_k, METH_VARARGS, NULL},
                 {"code_L", code_L, METH_VARARGS, NULL},
                 {"code_K", code_K, METH_VARARGS, NULL},
                 {"code_n", code_n, METH_VARARGS, NULL},
                 {"code_f", code_f, METH_VARARGS, NULL},
                 {"code_d", code_d, METH_VARARGS, NULL},
                 {"code_p", code_p, METH_VARARGS, NULL})
