// Each record states what its core does to memory: LLVM's inference after
// optimization at -O2, the pass's own scan of the core at -O0.
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s

// CHECK: "python_name": "pure", {{.*}}"memory": "none"
// CHECK: "python_name": "peek", {{.*}}"memory": "read"
// CHECK: "python_name": "bump", {{.*}}"memory": "write"
#include "../Inputs/module.h"

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

DEFINE_MODULE(mem, {"pure", pure, METH_O, NULL},
                   {"peek", peek, METH_O, NULL},
                   {"bump", bump, METH_O, NULL})
