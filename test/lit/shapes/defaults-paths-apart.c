// Where the wrapper given fewer arguments and the one given all of them
// part at a branch (a test of the count, or of an omitted argument's
// object), each must do only its own kind of work until they meet again:
// with all arguments unboxing the rest, with fewer nothing. Comparing the
// phis of the blocks both run is not enough: a block both reach, one by
// this path and the other only by another, may store ('store_apart':
// `if (a & 1) goto L1; if (nargs < 2) goto L2; L1: g++;`), and a loop may
// run once more in one of them ('loop_apart': its exit tests the omitted
// object). Neither records a default; a call that omits the argument takes
// the wrapper. 'unboxing_apart' parts the same way with nothing but the
// unboxing between, and keeps its default.
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "store_apart", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "loop_apart", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "unboxing_apart", {{.*}}"param_optional": [false, true], "param_defaults": [null, 2]

#include "../Inputs/module.h"

long counter; // the module's: a store the optimizer keeps

static PyObject *store_apart(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
  long a, b = 2;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "store_apart takes 1 or 2 arguments");
    return NULL;
  }
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (nargs > 1) {
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
      return NULL;
  }
  counter = 0;
  if (a & 1)
    goto counted;
  if (nargs < 2)
    goto out;
counted:
  counter++;
out:
  return PyLong_FromLong((b & 255) * 10 + counter);
}

static PyObject *loop_apart(PyObject *self, PyObject *args) {
  long a, c = 7;
  PyObject *o = NULL;
  if (!PyArg_ParseTuple(args, "l|O", &a, &o))
    return NULL;
  if (o) {
    c = PyLong_AsLong(o);
    if (c == -1 && PyErr_Occurred())
      return NULL;
  }
  counter = 0;
  for (;;) {
    counter++;
    if (counter >= 3 || o == NULL)
      break;
  }
  return PyLong_FromLong((c & 255) * 10 + counter + a);
}

static PyObject *unboxing_apart(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
  long a, b = 2;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "unboxing_apart takes 1 or 2 arguments");
    return NULL;
  }
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (a & 1)
    goto unbox;
  if (nargs < 2)
    goto out;
unbox:
  if (nargs > 1) {
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
      return NULL;
  }
out:
  return PyLong_FromLong(a * 10 + b);
}

DEFINE_MODULE(m, {"store_apart", (PyCFunction)(void (*)(void))store_apart, METH_FASTCALL, NULL},
              {"loop_apart", loop_apart, METH_VARARGS, NULL},
              {"unboxing_apart", (PyCFunction)(void (*)(void))unboxing_apart, METH_FASTCALL, NULL})
