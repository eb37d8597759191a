// A C++ method table whose entries are not all constant expressions (here
// ml_doc from a `char *` variable, as python-apt's) is filled at run time: the
// global is zero, and a static constructor (__cxx_global_var_init, called
// from _GLOBAL__sub_I_<file>) stores each field. Its entries are read from
// those stores, where the constructors are the table's only writers (a
// memset of zeros that meets no stored field writes what was there). The
// entries of a table that code other than the constructors also writes
// (PyInit swaps a function in) may not hold what was stored: each gets a
// remark and no core (TableRewritten; before, they were dropped without a
// word). A comparison of a table's address reads it. Entries a constructor stores at a computed index cannot be placed:
// none are found.
// RUN: %clang_pyunbox -x c++ -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -x c++ -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -x c++ -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// CHECK-DAG: remark: core for 'twice' (METH_VARARGS): long pyunbox_core_m_twice(long) [
// CHECK-DAG: remark: core for 'half' (METH_O): double pyunbox_core_m_half(double) [
// CHECK-DAG: remark: core for 'quarter' (METH_O): double pyunbox_core_m_quarter(double) [
// CHECK-DAG: remark: no core for 'swapped': its entry in the method table 'rewritten' may change at run time ('PyInit_m' stores into it)
// RECORD-DAG: "python_name": "twice",
// RECORD-DAG: "python_name": "half",
// RECORD-DAG: "python_name": "quarter",

#include "../Inputs/module.h"

static char *doc_twice = (char *)"twice(x) -> 2x";
static const char *doc_half = "half(x)";

static PyObject *twice(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, "l", &x))
    return NULL;
  return PyLong_FromLong(x * 2);
}

static PyObject *half(PyObject *self, PyObject *arg) {
  double d = PyFloat_AsDouble(arg);
  if (d == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(d / 2);
}

static PyObject *quarter(PyObject *self, PyObject *arg) {
  double d = PyFloat_AsDouble(arg);
  if (d == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(d / 4);
}

static PyObject *swapped(PyObject *self, PyObject *arg) { return PyLong_FromLong(PyLong_AsLong(arg)); }
static PyObject *thrice(PyObject *self, PyObject *arg) { return PyLong_FromLong(3 * PyLong_AsLong(arg)); }
static PyObject *indexed(PyObject *self, PyObject *arg) { return PyLong_FromLong(PyLong_AsLong(arg) + 1); }

// Its sentinel `{}` is a memset of zeros, and the PyModuleDef that holds it
// is filled at run time too (its m_doc is no constant either).
static PyMethodDef methods[] = {
    {"twice", twice, METH_VARARGS, doc_twice},
    {"half", half, METH_O, doc_half},
    {}};

// PyInit puts another function in its first entry.
static PyMethodDef rewritten[] = {
    {"swapped", swapped, METH_O, doc_twice},
    {NULL, NULL, 0, NULL}};

// PyInit compares its address (before, counted as a write).
static PyMethodDef compared[] = {
    {"quarter", quarter, METH_O, doc_twice},
    {NULL, NULL, 0, NULL}};

static int slot = 0;
static int next_slot() { return slot++; }
// A constructor fills an entry at an index it computes.
static PyMethodDef computed[2];
static int fill = (computed[next_slot()] = PyMethodDef{"indexed", indexed, METH_O, doc_half}, 0);

// The module's name is then PyInit_m's.
static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "m", doc_half, -1, methods};

PyMODINIT_FUNC PyInit_m(void) {
  rewritten[0].ml_meth = thrice;
  if (moddef.m_methods == compared)
    return NULL;
  PyObject *m = PyModule_Create(&moddef);
  if (m && (PyModule_AddFunctions(m, rewritten) < 0 || PyModule_AddFunctions(m, computed) < 0 ||
            PyModule_AddFunctions(m, compared) < 0))
    Py_CLEAR(m);
  return m;
}
