// Builds that profile or map coverage get the plain build's cores.
// -fprofile-instr-generate and -fcoverage-mapping bump a counter
// (llvm.instrprof.increment) in every block of every function, before
// pyunbox mines; a bump in a float fast path's block, on one of a
// dispatch's two ways or before a raise was taken for the program's own
// work (no float fast path, no dispatch, "raises itself"). Drafts leave such
// annotations out (ToolAnnotations.h), as they do debug records.
// -fpseudo-probe-for-profiling and -funique-internal-linkage-names give a C
// file's static functions mangled names with a clone suffix
// (_ZL10_Py_NewRefP7_object.__uniq.1489...), the C API's inline helpers
// included: they are still known by their names.
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fwrapv -fprofile-instr-generate %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate -fcoverage-mapping %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fpseudo-probe-for-profiling %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fwrapv -funique-internal-linkage-names %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -funique-internal-linkage-names %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
//
// The core bumps no counter: its wrapper counts the calls it runs.
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
//
// -fprofile-generate instruments each function after pyunbox, the cores
// too: the counters they bump are no memory effect (docs/FORMAT.md).
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate -fprofile-update=atomic -c %s -o %t.atomic.o
// RUN: %dump --json %t.atomic.o | FileCheck %s --check-prefix=RECORD

// CHECK-DAG: remark: core for 'square' (METH_O): double pyunbox_core_m_square(double) [
// CHECK-DAG: remark: core for 'triple' (METH_O): double pyunbox_core_m_triple(double) [
// CHECK-DAG: remark: core for 'checked_div' (METH_VARARGS): long pyunbox_core_m_checked_div(long, long, int *); bails where the wrapper raises [
// CHECK-DAG: remark: core for 'is_small' (METH_O): _Bool pyunbox_core_m_is_small(long) [
// CHECK-DAG: remark: core for 'note' (METH_O): void pyunbox_core_m_note(long) [
// CHECK-DAG: remark: no core for 'uses_self': uses self (a call of '{{Py_IS_TYPE|Py_IS_TYPE\(_object\*, _typeobject\*\)}}') [

// RECORD: "python_name": "square",{{.*}}"memory": "none", "errors": "none"
// RECORD: "python_name": "checked_div",{{.*}}"memory": "none", "errors": "bail"

// IR-LABEL: define {{.*}}@pyunbox_core_m_square(
// IR-NOT: __profc_
// IR: ret double

#include "../Inputs/module.h"

/* PyFloat_CheckExact's fast path beside PyFloat_AsDouble. */
static PyObject *square(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * x);
}

/* SWIG's dispatch: a float's value, or an int's PyLong_AsDouble. */
static PyObject *triple(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_Check(arg))
    x = PyFloat_AsDouble(arg);
  else if (PyLong_Check(arg))
    x = PyLong_AsDouble(arg);
  else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(3.0 * x);
}

static PyObject *checked_div(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyLong_FromLong(a / b);
}

static PyObject *is_small(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  if (v < 10)
    Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

static PyObject *note(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *uses_self(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(PyModule_Check(self) ? v : -v);
}

DEFINE_MODULE(m, {"square", square, METH_O, NULL}, {"triple", triple, METH_O, NULL},
              {"checked_div", checked_div, METH_VARARGS, NULL}, {"is_small", is_small, METH_O, NULL},
              {"note", note, METH_O, NULL}, {"uses_self", uses_self, METH_O, NULL})
