// A default stands only where the wrapper given fewer arguments runs the
// same code as given all of them with the defaults: the blocks it runs, and
// the number of times. A loop whose trip count the count of arguments sets
// (directly, or through a count of the converted ones) runs its blocks
// either way, so no default is recorded, and calls that omit the argument
// take the wrapper ('by_tuple_size', 'by_converted'). Nor where the count
// decides a branch together with an argument's value ('with_value'). A count
// that alone decides branches outside any loop keeps its default
// ('outside_loop').
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "by_tuple_size", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "by_converted", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "with_value", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "outside_loop", {{.*}}"param_optional": [false, true], "param_defaults": [null, 5]

#include "../Inputs/module.h"

static PyObject *by_tuple_size(PyObject *self, PyObject *args) {
  long a, b = 5;
  if (!PyArg_ParseTuple(args, "l|l", &a, &b))
    return NULL;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  long acc = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    acc += a;
  return PyLong_FromLong(acc + b);
}

static PyObject *converted(PyObject *const *args, Py_ssize_t nargs, int loop) {
  long a, b = 5;
  int count = 0;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "one or two arguments");
    return NULL;
  }
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  count++;
  if (nargs > 1) {
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
      return NULL;
    count++;
  }
  long r = a * 10 + b;
  if (loop)
    for (int i = 0; i < count; i++)
      r += 1000;
  else if (count == 2)
    r += 0; /* the same either way */
  return PyLong_FromLong(r);
}

static PyObject *by_converted(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  return converted(args, nargs, 1);
}

static PyObject *outside_loop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  return converted(args, nargs, 0);
}

static PyObject *with_value(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long a, b = 5;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "one or two arguments");
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
  long r = a * 10 + b;
  if (a + nargs == 3)
    r += 1000;
  return PyLong_FromLong(r);
}

DEFINE_MODULE(m, {"with_value", (PyCFunction)(void (*)(void))with_value, METH_FASTCALL, NULL}, {"by_tuple_size", by_tuple_size, METH_VARARGS, NULL},
              {"by_converted", (PyCFunction)(void (*)(void))by_converted, METH_FASTCALL, NULL},
              {"outside_loop", (PyCFunction)(void (*)(void))outside_loop, METH_FASTCALL, NULL})
