// An argument that nothing unboxes, whose type the wrapper tests (Cython 3's
// `def f(double z, list nu_y)`, astropy's cosmology integrands): for the box
// of a C scalar in its place the test fails and the wrapper raises, on every
// path. The remark names that argument (it once said "never returns
// normally for well-typed arguments"); a function that raises for every
// argument it unboxes still gets that (always-raises.c), and so does one
// whose only read of its argument, a bytes' read by hand, follows a test of
// the arity that always fails (it reads one argument, and wants three).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK-DAG: remark: no core for 'scaled': argument 2 is never unboxed to a C scalar (for a C scalar's box in its place, the wrapper never returns normally)
// REMARK-DAG: remark: no core for 'first_byte': never returns normally for well-typed arguments

// KEY: Name: ArgumentNotUnboxed
// KEY: Function: scaled
// KEY: Name: NoNormalReturn
// KEY: Function: first_byte

#include "../Inputs/module.h"

static double total(PyObject *list) {
  double s = 0;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++)
    s += PyFloat_AsDouble(PyList_GET_ITEM(list, i));
  return s;
}

static PyObject *scaled(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "scaled() takes 2 arguments");
    return NULL;
  }
  double x = PyFloat_AsDouble(args[0]);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  if (!PyList_CheckExact(args[1])) {
    PyErr_SetString(PyExc_TypeError, "weights must be a list");
    return NULL;
  }
  return PyFloat_FromDouble(x * total(args[1]));
}

static PyObject *first_byte(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "first_byte() takes 3 arguments");
    return NULL;
  }
  if (!PyBytes_Check(args[0])) {
    PyErr_SetString(PyExc_TypeError, "a bytes");
    return NULL;
  }
  return PyLong_FromLong(PyBytes_GET_SIZE(args[0]) ? PyBytes_AS_STRING(args[0])[0] : -1);
}

DEFINE_MODULE(m, {"scaled", (PyCFunction)(void (*)(void))scaled, METH_FASTCALL, NULL},
              {"first_byte", (PyCFunction)(void (*)(void))first_byte, METH_FASTCALL, NULL})
