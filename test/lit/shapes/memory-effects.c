// What counts as memory a core touches (docs/FORMAT.md, "memory"): the core's
// own stack, volatile or not, errno and the bail flag never do; loads of
// constant memory (const tables, string literals, a static global nothing in
// the module writes, at every -O level) are no reads. A static global that
// another function writes is read memory.
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "rounded", {{.*}}"memory": "none", "errors": "none"
// CHECK-DAG: "python_name": "lookup", {{.*}}"memory": "none"
// CHECK-DAG: "python_name": "hexdigit", {{.*}}"memory": "none"
// CHECK-DAG: "python_name": "weight", {{.*}}"memory": "none"
// CHECK-DAG: "python_name": "e_log", {{.*}}"memory": "none"
// CHECK-DAG: "python_name": "halve", {{.*}}"memory": "none", "errors": "bail"
// CHECK-DAG: "python_name": "level", {{.*}}"memory": "read"

#include "../Inputs/module.h"
#include <errno.h>
#include <math.h>

// A volatile store and load on the core's own stack (fast-math helpers'
// trick to force a rounding).
static PyObject *rounded(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  volatile double t = x * 3.0;
  return PyFloat_FromDouble(t - x);
}

static const double table[8] = {1, 2, 4, 8, 16, 32, 64, 128};
static PyObject *lookup(PyObject *self, PyObject *arg) {
  long i = PyLong_AsLong(arg);
  if (i == -1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(table[i & 7]);
}

static const char digits[] = "0123456789abcdef";
static PyObject *hexdigit(PyObject *self, PyObject *arg) {
  long i = PyLong_AsLong(arg);
  if (i == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(digits[i & 15] + "xyz"[i & 1]);
}

// Not const, but nothing writes it.
static double weights[4] = {0.5, 0.25, 0.125, 0.0625};
static PyObject *weight(PyObject *self, PyObject *arg) {
  long i = PyLong_AsLong(arg);
  if (i == -1 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(weights[i & 3]);
}

static PyObject *e_log(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  errno = 0;
  return PyFloat_FromDouble(log(x));
}

// The bail flag is the core's to write.
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

// Written by set_level: state another call changes.
static long current = 3;
static PyObject *level(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n * current);
}
static PyObject *set_level(PyObject *self, PyObject *arg) {
  current = PyLong_AsLong(arg);
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"rounded", rounded, METH_O, NULL}, {"lookup", lookup, METH_O, NULL},
              {"hexdigit", hexdigit, METH_O, NULL}, {"weight", weight, METH_O, NULL},
              {"e_log", e_log, METH_O, NULL}, {"halve", halve, METH_O, NULL},
              {"level", level, METH_O, NULL}, {"set_level", set_level, METH_O, NULL})
