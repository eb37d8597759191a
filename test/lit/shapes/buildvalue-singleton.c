// Py_BuildValue("O", Py_True) (hexhamming's check_hexstrings_within_dist)
// makes a new reference to its one object, as Py_NewRef does: of None, True
// or False (or a choice of them) it is that singleton, never NULL, and the
// core returns what it stands for. Of any other object, "N" (which steals
// the reference) or a tuple, it is no box of a C scalar.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// CHECK-DAG: remark: core for 'within' (METH_VARARGS): _Bool pyunbox_core_m_within(long, long) [
// CHECK-DAG: remark: core for 'chosen' (METH_O): _Bool pyunbox_core_m_chosen(long) [
// CHECK-DAG: remark: core for 'nothing' (METH_O): void pyunbox_core_m_nothing(long) [
// CHECK-DAG: remark: no core for 'itself': '{{_?Py(Py)?_BuildValue_SizeT}}' builds "O", not a single C scalar
// CHECK-DAG: remark: no core for 'stolen': '{{_?Py(Py)?_BuildValue_SizeT}}' builds "N", not a single C scalar
// CHECK-DAG: remark: no core for 'pair': '{{_?Py(Py)?_BuildValue_SizeT}}' builds "(O)", not a single C scalar

// IR-LABEL: define {{.*}}i1 @pyunbox_core_m_within(i64 noundef %0, i64 noundef %1)
// IR-NOT:     {{@_?Py}}
// IR:         ret i1

#include "../Inputs/module.h"

static PyObject *within(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (a - b > 3 || b - a > 3)
    return Py_BuildValue("O", Py_False);
  return Py_BuildValue("O", Py_True);
}

static PyObject *chosen(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("O", n & 1 ? Py_True : Py_False);
}

static PyObject *nothing(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("O", Py_None);
}

static PyObject *itself(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("O", arg);
}

static PyObject *stolen(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  Py_INCREF(Py_True);
  return Py_BuildValue("N", Py_True);
}

static PyObject *pair(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("(O)", Py_True);
}

DEFINE_MODULE(m, {"within", within, METH_VARARGS, NULL}, {"chosen", chosen, METH_O, NULL},
              {"nothing", nothing, METH_O, NULL}, {"itself", itself, METH_O, NULL},
              {"stolen", stolen, METH_O, NULL}, {"pair", pair, METH_O, NULL})
