// A tuple of C scalars (Py_BuildValue's "(ll)", or "ii": two units or more
// build a tuple too) is returned through pointers: the core returns void and
// takes one pointer per item after its other parameters, the bail flag
// included, and stores the items where the wrapper returns. The record's
// return kind is a tuple (19), its items' kinds follow (FORMAT.md, "Tuple
// results"); writing the caller's cells is no memory effect. An item given
// a wider integer than its unit reads ("I" of a long) is the low-order bits
// va_arg reads, as for a single unit (buildvalue-wider-integer.c).
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t.o0.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o0.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t.o2.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O2 -fPIC -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'divmod' (METH_VARARGS): void pyunbox_core_m_divmod(long, long, int *, long *, long *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'split' (METH_O): void pyunbox_core_m_split(double, double *, int *)
// REMARK-DAG: remark: core for 'ordered' (METH_VARARGS): void pyunbox_core_m_ordered(int, int, int *, int *)
// REMARK-DAG: remark: core for 'low_and_whole' (METH_VARARGS): void pyunbox_core_m_low_and_whole(long, unsigned int *, long *)

// JSON-DAG: "python_name": "divmod", {{.*}}"return_type": "tuple", "result_types": ["long", "long"], {{.*}}"memory": "none", "errors": "bail"
// JSON-DAG: "python_name": "split", {{.*}}"return_type": "tuple", "result_types": ["double", "int"], {{.*}}"memory": "none", "errors": "none"
// JSON-DAG: "python_name": "ordered", {{.*}}"return_type": "tuple", "result_types": ["int", "int"], {{.*}}"memory": "none", "errors": "none"
// JSON-DAG: "python_name": "low_and_whole", {{.*}}"return_type": "tuple", "result_types": ["unsigned int", "long"],

// IR-LABEL: define void @pyunbox_core_m_divmod(i64 noundef %0, i64 noundef %1, ptr noalias {{.*}}nonnull {{.*}}%2, ptr {{.*}}nonnull {{.*}}%3, ptr {{.*}}nonnull {{.*}}%4)
// IR-DAG: store i64 {{.*}}, ptr %3
// IR-DAG: store i64 {{.*}}, ptr %4
// IR-LABEL: define void @pyunbox_core_m_low_and_whole(
// IR: trunc i64 {{.*}} to i32

#include "../Inputs/module.h"
#include <math.h>

/* ZeroDivisionError for 0: the core bails there. */
static PyObject *divmod_(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "divmod by zero");
    return NULL;
  }
  return Py_BuildValue("(ll)", a / b, a % b);
}

/* math.frexp's shape: a double and an int. */
static PyObject *split(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  int e;
  double m = frexp(x, &e);
  return Py_BuildValue("(di)", m, e);
}

/* Two returns of a tuple each, without parentheses. */
static PyObject *ordered(PyObject *self, PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "ii", &a, &b))
    return NULL;
  if (a < b)
    return Py_BuildValue("ii", a, b);
  return Py_BuildValue("ii", b, a);
}

static PyObject *low_and_whole(PyObject *self, PyObject *args) {
  long a;
  if (!PyArg_ParseTuple(args, "l", &a))
    return NULL;
  return Py_BuildValue("(Il)", a + 1, a);
}

DEFINE_MODULE(m, {"divmod", divmod_, METH_VARARGS, NULL}, {"split", split, METH_O, NULL},
              {"ordered", ordered, METH_VARARGS, NULL},
              {"low_and_whole", low_and_whole, METH_VARARGS, NULL})
