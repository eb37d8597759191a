// What a call that omits trailing arguments stands for: the wrapper given m
// arguments does what it does given all of them with constants for the rest
// (analysis/ParameterDefaults.cpp). Argument Clinic's skip_optional, a
// hand-written nargs test, PyArg_ParseTuple's '|' (the value stored before
// the parse); a wrapper that uses the count itself, or whose default is no
// constant, has optional parameters without a default ("=?"): so has one
// whose optional unit shares its variable with another unit (`&b, &b`: the
// value omitted is the other argument's).
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump %t0.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=JSON

// TABLE-DAG: m.scale {{.*}} (_0, _1=2.0, /)
// TABLE-DAG: m.clampi {{.*}} (_0, _1=0, _2=100, /)
// TABLE-DAG: m.counted {{.*}} (_0, _1=?, /)
// TABLE-DAG: m.lerp {{.*}} (_0, _1, _2=0.5, /)
// TABLE-DAG: m.nonconst {{.*}} (x, n=?)
// TABLE-DAG: m.flagged {{.*}} (x, neg=false)
// TABLE-DAG: m.shared {{.*}} (_0, _1=?, /)
// JSON-DAG: "python_name": "clampi", {{.*}}"param_passing": ["positional-only", "positional-only", "positional-only"], "param_optional": [false, true, true], "param_defaults": [null, 0, 100],
// A double's default reads back as that double: the shortest text that does
// ("0.1"), with ".0" where it would read as an integer ("-0.0", not "-0").
// TABLE-DAG: m.spelled {{.*}} (_0, _1=-0.0, _2=0.1, _3=1e+300, /)
// JSON-DAG: "python_name": "spelled", {{.*}}"param_defaults": [null, -0.0, 0.1, 1e+300],
// JSON-DAG: "python_name": "nonconst", {{.*}}"param_passing": ["positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true], "param_defaults": [null, null],

#include "../Inputs/module.h"

// Argument Clinic: scale(x, factor=2.0, /)
static double scale_impl(double x, double factor) { return x * factor; }
static PyObject *scale(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *return_value = NULL;
  double x;
  double factor = 2.0;
  if (!_PyArg_CheckPositional("scale", nargs, 1, 2))
    goto exit;
  if (PyFloat_CheckExact(args[0])) {
    x = PyFloat_AS_DOUBLE(args[0]);
  } else {
    x = PyFloat_AsDouble(args[0]);
    if (x == -1.0 && PyErr_Occurred())
      goto exit;
  }
  if (nargs < 2)
    goto skip_optional;
  if (PyFloat_CheckExact(args[1])) {
    factor = PyFloat_AS_DOUBLE(args[1]);
  } else {
    factor = PyFloat_AsDouble(args[1]);
    if (factor == -1.0 && PyErr_Occurred())
      goto exit;
  }
skip_optional:
  return_value = PyFloat_FromDouble(scale_impl(x, factor));
exit:
  return return_value;
}

static PyObject *clampi(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long lo = 0, hi = 100, v;
  if (nargs < 1 || nargs > 3) {
    PyErr_SetString(PyExc_TypeError, "clampi takes 1 to 3 arguments");
    return NULL;
  }
  v = PyLong_AsLong(args[0]);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  if (nargs > 1) {
    lo = PyLong_AsLong(args[1]);
    if (lo == -1 && PyErr_Occurred())
      return NULL;
  }
  if (nargs > 2) {
    hi = PyLong_AsLong(args[2]);
    if (hi == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong(v < lo ? lo : v > hi ? hi : v);
}

// The count itself reaches the result: no default stands for a missing b.
static PyObject *counted(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long a, b = 7;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "1 or 2 arguments");
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
  return PyLong_FromLong(a + b + nargs);
}

static PyObject *lerp(PyObject *self, PyObject *args) {
  double a, b, t = 0.5;
  if (!PyArg_ParseTuple(args, "dd|d:lerp", &a, &b, &t))
    return NULL;
  return PyFloat_FromDouble(a + (b - a) * t);
}

// The default is read from a global: no constant.
static long default_n = 3;
static PyObject *nonconst(PyObject *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"x", "n", NULL};
  long x, n = default_n;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "l|l:nonconst", kwlist, &x, &n))
    return NULL;
  return PyLong_FromLong(x * n);
}

// A 'p' default, and code after it that the default decides.
static PyObject *flagged(PyObject *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"x", "neg", NULL};
  long x;
  int neg = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "l|p:flagged", kwlist, &x, &neg))
    return NULL;
  if (neg)
    return PyLong_FromLong(-x);
  return PyLong_FromLong(x);
}

static PyObject *shared(PyObject *self, PyObject *args) {
  long b = 3;
  if (!PyArg_ParseTuple(args, "l|l", &b, &b))
    return NULL;
  return PyLong_FromLong(b);
}

static PyObject *spelled(PyObject *self, PyObject *args) {
  double a, z = -0.0, tenth = 0.1, big = 1e300;
  if (!PyArg_ParseTuple(args, "d|ddd:spelled", &a, &z, &tenth, &big))
    return NULL;
  return PyFloat_FromDouble(a * z + tenth - big);
}

DEFINE_MODULE(m, {"spelled", spelled, METH_VARARGS, NULL},
              {"scale", (PyCFunction)(void (*)(void))scale, METH_FASTCALL, NULL},
              {"shared", shared, METH_VARARGS, NULL},
              {"clampi", (PyCFunction)(void (*)(void))clampi, METH_FASTCALL, NULL},
              {"counted", (PyCFunction)(void (*)(void))counted, METH_FASTCALL, NULL},
              {"lerp", lerp, METH_VARARGS, NULL},
              {"nonconst", (PyCFunction)(void (*)(void))nonconst, METH_VARARGS | METH_KEYWORDS, NULL},
              {"flagged", (PyCFunction)(void (*)(void))flagged, METH_VARARGS | METH_KEYWORDS, NULL})
