// A wrapper that reads module state through a global (here an object behind
// a PyObject*) keeps that read in its core, and the record says so: memory
// "read". Like its wrapper, such a core relies on the GIL to keep that state
// still; only cores with memory "none" may run without it (docs/FORMAT.md).
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s

// CHECK: "python_name": "scaled", {{.*}}"needs_interpreter": false, "memory": "read"

#include "../Inputs/module.h"

PyObject *scale_obj; /* set by the module at import time */

static PyObject *scaled(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n * (long)PyFloat_AS_DOUBLE(scale_obj));
}

DEFINE_MODULE(m, {"scaled", scaled, METH_O, NULL})
