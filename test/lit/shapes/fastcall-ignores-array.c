// A METH_FASTCALL wrapper that reads nothing through its argument array
// takes no arguments: Cython 3's wrapper of a def without parameters checks
// nargs == 0 and computes kwvalues (args + nargs), an address it never
// reads. Its core stands for the call without arguments (nargs is 0 there),
// as a METH_NOARGS function's does; a consumer takes it only for that
// call. It once got no core ("no unboxer reachable"), while the same def
// compiled by Cython 0.29 (METH_NOARGS) got one.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'snippet' (METH_FASTCALL): long pyunbox_core_m_snippet(void)
// CHECK-DAG: remark: core for 'count' (METH_FASTCALL): Py_ssize_t pyunbox_core_m_count(void)
// CHECK-DAG: remark: no core for 'first': no unboxer or argument parser of a C scalar is reachable from the wrapper
// CHECK-DAG: remark: no core for 'through_slot': no unboxer or argument parser of a C scalar is reachable from the wrapper

#include "../Inputs/module.h"

static PyObject *snippet(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames) {
  PyObject *const *kwvalues = args + nargs;
  (void)kwvalues;
  if (nargs > 0) {
    PyErr_Format(PyExc_TypeError, "snippet() takes no arguments (%zd given)", nargs);
    return NULL;
  }
  if (kwnames && PyTuple_GET_SIZE(kwnames) > 0) {
    PyErr_SetString(PyExc_TypeError, "snippet() takes no keyword arguments");
    return NULL;
  }
  return PyLong_FromLong(7);
}

// The count of arguments, 0 for the call the core stands for.
static PyObject *count(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  return PyLong_FromSsize_t(nargs);
}

// Hands its array to another function, which may read it: takes arguments.
extern PyObject *tuple_of(PyObject *const *items, Py_ssize_t n);
static PyObject *first(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  return tuple_of(args, nargs);
}

// Hands the address of a variable that holds the array: takes arguments too.
extern PyObject *tuple_at(PyObject *const *const *items, Py_ssize_t n);
static PyObject *through_slot(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *const *held = args;
  return tuple_at(&held, nargs);
}

DEFINE_MODULE(m, {"through_slot", (PyCFunction)through_slot, METH_FASTCALL, NULL},
                 {"snippet", (PyCFunction)snippet, METH_FASTCALL | METH_KEYWORDS, NULL},
                 {"count", (PyCFunction)count, METH_FASTCALL, NULL},
                 {"first", (PyCFunction)first, METH_FASTCALL, NULL})
