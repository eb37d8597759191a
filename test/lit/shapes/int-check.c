// PyLong_Check(arg) and PyLong_CheckExact(arg) before unboxing an integer:
// the value a core's caller passes stands for an exact int, of which both are
// true, so the TypeError path is not the core's. Where the argument is then
// unboxed as a double (a float argument would fail the check) or as a _Bool
// (a bool is no exact int), a core would accept what the wrapper refuses.
// Of a string's object (PyArg_Parse's "y#" of METH_O, a Py_buffer's) the
// check is false: taken for true, the core would answer for an int.
// PyNumber_Index(arg) is such a check too: of a float or a bytes it raises.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// PyPy's macros read ob_type and tp_flags inline (no Py_TYPE call):
// RUN: %clang -O0 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'twice' (METH_O): long pyunbox_core_m_twice(long)
// CHECK-DAG: remark: core for 'exact_twice' (METH_O): long pyunbox_core_m_exact_twice(long)
// CHECK-DAG: remark: no core for 'int_as_double': checks that argument 1 is an int, but unboxes it as double
// CHECK-DAG: remark: no core for 'truth_exact': checks that argument 1 is an int, but unboxes it as _Bool
// CHECK-DAG: remark: no core for 'bytes_or_int': checks that argument 1 is an int, but unboxes it as const char *, Py_ssize_t
// CHECK-DAG: remark: no core for 'view_or_int': checks that argument 1 is an int, but unboxes it as const char *, Py_ssize_t

// KEY: Name: IntCheckOfNonInt
// KEY: Function: int_as_double
// KEY: Name: IntCheckOfNonInt
// KEY: Function: truth_exact
// CHECK-DAG: remark: no core for 'index_of_float': checks that argument 1 is an int, but unboxes it as double
// CHECK-DAG: remark: no core for 'index_of_bytes': checks that argument 1 is an int, but unboxes it as const char *, Py_ssize_t
// KEY: Name: IntCheckOfNonInt
// KEY: Function: bytes_or_int
// KEY: Name: IntCheckOfNonInt
// KEY: Function: view_or_int
// KEY: Name: IntCheckOfNonInt
// KEY: Function: index_of_float
// KEY: Name: IntCheckOfNonInt
// KEY: Function: index_of_bytes

#include "../Inputs/module.h"
static PyObject *twice(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "twice: an int, please");
    return NULL;
  }
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * x);
}
static PyObject *exact_twice(PyObject *self, PyObject *arg) {
  if (!PyLong_CheckExact(arg)) {
    PyErr_SetString(PyExc_TypeError, "exact_twice: an exact int, please");
    return NULL;
  }
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * x);
}
static PyObject *int_as_double(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "int_as_double: an int, please");
    return NULL;
  }
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 2);
}
static PyObject *truth_exact(PyObject *self, PyObject *arg) {
  if (!PyLong_CheckExact(arg)) {
    PyErr_SetString(PyExc_TypeError, "truth_exact: an exact int, please");
    return NULL;
  }
  int t = PyObject_IsTrue(arg);
  if (t < 0)
    return NULL;
  return PyBool_FromLong(!t);
}
static PyObject *bytes_or_int(PyObject *self, PyObject *arg) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_Parse(arg, "y#", &s, &n))
    return NULL;
  return PyLong_FromSsize_t(PyLong_Check(arg) ? -7 : n);
}
static PyObject *view_or_int(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  Py_buffer view;
  if (nargs != 1) {
    PyErr_SetString(PyExc_TypeError, "view_or_int: one argument");
    return NULL;
  }
  if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) != 0)
    return NULL;
  Py_ssize_t n = view.len;
  int is_int = PyLong_Check(args[0]);
  PyBuffer_Release(&view);
  return PyLong_FromSsize_t(is_int ? -7 : n);
}
static PyObject *index_of_float(PyObject *self, PyObject *arg) {
  double d = PyFloat_AsDouble(arg);
  if (d == -1.0 && PyErr_Occurred())
    return NULL;
  PyObject *i = PyNumber_Index(arg);
  if (!i)
    return NULL;
  Py_DECREF(i);
  return PyFloat_FromDouble(d);
}
static PyObject *index_of_bytes(PyObject *self, PyObject *arg) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_Parse(arg, "y#", &s, &n))
    return NULL;
  PyObject *i = PyNumber_Index(arg);
  if (!i)
    return NULL;
  Py_DECREF(i);
  return PyLong_FromSsize_t(n);
}
DEFINE_MODULE(m, {"twice", twice, METH_O, NULL},
                 {"exact_twice", exact_twice, METH_O, NULL},
                 {"int_as_double", int_as_double, METH_O, NULL},
                 {"truth_exact", truth_exact, METH_O, NULL},
                 {"bytes_or_int", bytes_or_int, METH_O, NULL},
                 {"view_or_int", (PyCFunction)(void (*)(void))view_or_int, METH_FASTCALL, NULL},
                 {"index_of_float", index_of_float, METH_O, NULL},
                 {"index_of_bytes", index_of_bytes, METH_O, NULL})
