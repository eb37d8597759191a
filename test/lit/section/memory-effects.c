// Each record states what its core does to memory: LLVM's inference after
// optimization at -O2, the pass's own scan of the core at -O0, whichever says
// less. The core's own stack never counts, volatile or not (a fast-math
// helper's `volatile double t`), nor do errno and the bail flag; reading
// constant memory (a const table, a string literal, a static global nothing
// in the file writes, at every -O level) is no read (docs/FORMAT.md, "memory").
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s

// CHECK: "python_name": "pure", {{.*}}"memory": "none"
// CHECK: "python_name": "peek", {{.*}}"memory": "read"
// CHECK: "python_name": "bump", {{.*}}"memory": "write"
// CHECK: "python_name": "table", {{.*}}"memory": "none"
// CHECK: "python_name": "digit", {{.*}}"memory": "none"
// CHECK: "python_name": "rounded", {{.*}}"memory": "none"
// CHECK: "python_name": "poll", {{.*}}"memory": "write"
// CHECK: "python_name": "scale", {{.*}}"memory": "none"
// CHECK: "python_name": "e_log", {{.*}}"memory": "none"
// CHECK: "python_name": "halve", {{.*}}"memory": "none", "errors": "bail"
#include "../Inputs/module.h"
#include <errno.h>
#include <math.h>

static long counter;

static PyObject *pure(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n * 3);
}

static PyObject *peek(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(counter + n);
}

static PyObject *bump(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  counter += n;
  return PyLong_FromLong(counter);
}

static const double weights[8] = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5};

static PyObject *table(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(weights[n & 7]);
}

static PyObject *hex_digit(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong("0123456789abcdef"[n & 15]);
}

// The volatile store and load keep the rounding to double (x87 habits).
static PyObject *rounded(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  volatile double t = x * 3.0;
  return PyFloat_FromDouble(t - x);
}

// A volatile read of shared memory may do something (device registers).
static volatile long status;

static PyObject *poll(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(status + n);
}

// Not const, but nothing writes it: its initializer is all it ever holds.
static double scales[4] = {0.5, 0.25, 0.125, 0.0625};

static PyObject *scale(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(scales[n & 3]);
}

static PyObject *e_log(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  errno = 0;
  return PyFloat_FromDouble(log(x));
}

// Its core writes the bail flag, the caller's own variable.
static PyObject *halve(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n & 1) {
    PyErr_SetString(PyExc_ValueError, "odd");
    return NULL;
  }
  return PyLong_FromLong(n / 2);
}

DEFINE_MODULE(mem, {"pure", pure, METH_O, NULL},
                   {"peek", peek, METH_O, NULL},
                   {"bump", bump, METH_O, NULL},
                   {"table", table, METH_O, NULL},
                   {"digit", hex_digit, METH_O, NULL},
                   {"rounded", rounded, METH_O, NULL},
                   {"poll", poll, METH_O, NULL},
                   {"scale", scale, METH_O, NULL},
                   {"e_log", e_log, METH_O, NULL},
                   {"halve", halve, METH_O, NULL})
