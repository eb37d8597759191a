// 33 arguments, one more than a record describes (PYUNBOX_MAX_PARAMS): by a
// format, and read from the METH_FASTCALL array. The remark says so (it once
// said the format's outputs did not match, and "never returns normally").
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml

// CHECK-DAG: remark: no core for 'parsed': takes more than 32 arguments
// CHECK-DAG: remark: no core for 'read': takes more than 32 arguments
// CHECK-DAG: remark: core for 'most'

// KEY: Name: TooManyArguments
// KEY-NEXT: DebugLoc:
// KEY: Function: parsed
// KEY: Name: TooManyArguments
// KEY-NEXT: DebugLoc:
// KEY: Function: read

#include "../Inputs/module.h"

#define EIGHT(X, B) X(B##0) X(B##1) X(B##2) X(B##3) X(B##4) X(B##5) X(B##6) X(B##7)
#define THIRTY_TWO(X) EIGHT(X, 1) EIGHT(X, 2) EIGHT(X, 3) EIGHT(X, 4)
#define DECLARE(N) double a##N;
#define OUTPUT(N) , &a##N
#define ADD(N) + a##N

static PyObject *parsed(PyObject *self, PyObject *args) {
  double a0;
  THIRTY_TWO(DECLARE)
  if (!PyArg_ParseTuple(args, "d" "dddddddd" "dddddddd" "dddddddd" "dddddddd",
                        &a0 THIRTY_TWO(OUTPUT)))
    return NULL;
  return PyFloat_FromDouble(a0 THIRTY_TWO(ADD));
}

// args[32] is the 33rd; args[0] .. args[31] alone would be a core ('most').
#define READ(K)                                                                                   \
  {                                                                                               \
    double v = PyFloat_AsDouble(args[K]);                                                         \
    if (v == -1.0 && PyErr_Occurred())                                                            \
      return NULL;                                                                                \
    s += v;                                                                                       \
  }
#define READ8(K) READ(K) READ(K + 1) READ(K + 2) READ(K + 3) READ(K + 4) READ(K + 5) READ(K + 6) READ(K + 7)

static PyObject *readall(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  if (nargs != 33)
    return NULL;
  READ8(0) READ8(8) READ8(16) READ8(24) READ(32)
  return PyFloat_FromDouble(s);
}

static PyObject *most(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  if (nargs != 32)
    return NULL;
  READ8(0) READ8(8) READ8(16) READ8(24)
  return PyFloat_FromDouble(s);
}

DEFINE_MODULE(m, {"parsed", parsed, METH_VARARGS, NULL},
              {"read", (PyCFunction)(void (*)(void))readall, METH_FASTCALL, NULL},
              {"most", (PyCFunction)(void (*)(void))most, METH_FASTCALL, NULL})
