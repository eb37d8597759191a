// A tuple made item by item (PyTuple_New(n), then PyTuple_SET_ITEM or
// PyTuple_SetItem for each item, each a box of a C scalar) is the tuple
// Py_BuildValue("(..)") makes (buildvalue-tuple-result.c): the core returns
// void, takes one pointer per item and stores the boxes' scalars there.
// Storing into a tuple only the wrapper holds cannot fail (PyTuple_SetItem
// returns 0), and it is no memory effect: the tuple is gone in the core, as
// its boxes are. The macro is a store at ob_item[i] in PyPy's headers and
// CPython's at -O2 (with its assert(PyTuple_Check(op)) without NDEBUG), a
// call at -O0. Cython's `return a, b` and its C tuples make such tuples
// (cython/def-scalars.test).
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t.o0.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o0.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t.o2.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O2 -DNDEBUG -fPIC %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O0 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'divmod' (METH_VARARGS): void pyunbox_core_m_divmod(long, long, int *, long *, long *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'polar' (METH_VARARGS): void pyunbox_core_m_polar(double, double, double *, double *, long *)
// REMARK-DAG: remark: core for 'ordered' (METH_VARARGS): void pyunbox_core_m_ordered(long, long, long *, long *)
// A tuple made on a way the facts rule out (an int argument's PyLong_Check
// is true) goes with its block: its stores are no longer the outliner's to
// remove (they were, and valgrind saw the outliner read them once freed).
// REMARK-DAG: remark: core for 'checked' (METH_O): long pyunbox_core_m_checked(long)

// JSON-DAG: "python_name": "divmod", {{.*}}"return_type": "tuple", "result_types": ["long", "long"], {{.*}}"memory": "none", "errors": "bail"
// JSON-DAG: "python_name": "polar", {{.*}}"return_type": "tuple", "result_types": ["double", "double", "long"], {{.*}}"memory": "none", "errors": "none"
// JSON-DAG: "python_name": "ordered", {{.*}}"return_type": "tuple", "result_types": ["long", "long"], {{.*}}"memory": "none", "errors": "none"
// JSON-DAG: "python_name": "checked", {{.*}}"return_type": "long",

// No tuple, box or store into either is left in a core: no call of the
// interpreter's.
// IR-LABEL: define void @pyunbox_core_m_divmod(i64 noundef %0, i64 noundef %1, ptr noalias {{.*}}nonnull {{.*}}%2, ptr {{.*}}nonnull {{.*}}%3, ptr {{.*}}nonnull {{.*}}%4)
// IR-NOT: @Py
// IR-DAG: store i64 {{.*}}, ptr %3
// IR-DAG: store i64 {{.*}}, ptr %4
// IR-LABEL: define void @pyunbox_core_m_polar(
// IR-NOT: @Py
// IR: ret void

#include "../Inputs/module.h"

/* Hand-written, with the checks of each step; ZeroDivisionError for 0. */
static PyObject *divmod_(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "divmod by zero");
    return NULL;
  }
  PyObject *q = PyLong_FromLong(a / b);
  if (!q)
    return NULL;
  PyObject *r = PyLong_FromLong(a % b);
  if (!r) {
    Py_DECREF(q);
    return NULL;
  }
  PyObject *t = PyTuple_New(2);
  if (!t) {
    Py_DECREF(q);
    Py_DECREF(r);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, q);
  PyTuple_SET_ITEM(t, 1, r);
  return t;
}

/* PyTuple_SetItem, checked, the tuple made first; three items of two kinds. */
static PyObject *polar(PyObject *self, PyObject *args) {
  double x, y;
  if (!PyArg_ParseTuple(args, "dd", &x, &y))
    return NULL;
  PyObject *t = PyTuple_New(3);
  if (!t)
    return NULL;
  if (PyTuple_SetItem(t, 0, PyFloat_FromDouble(x * x + y * y)) < 0 ||
      PyTuple_SetItem(t, 1, PyFloat_FromDouble(x - y)) < 0 ||
      PyTuple_SetItem(t, 2, PyLong_FromLong(x < y)) < 0) {
    Py_DECREF(t);
    return NULL;
  }
  return t;
}

/* Two tuples, one returned: a phi of them. */
static PyObject *ordered(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a < b ? a : b));
  PyTuple_SET_ITEM(t, 1, PyLong_FromLong(a < b ? b : a));
  return t;
}

static PyObject *checked(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyObject *t = PyTuple_New(2);
    if (!t)
      return NULL;
    PyTuple_SET_ITEM(t, 0, PyLong_FromLong(1));
    PyTuple_SET_ITEM(t, 1, PyLong_FromLong(2));
    return t;
  }
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(m, {"divmod", divmod_, METH_VARARGS, NULL}, {"polar", polar, METH_VARARGS, NULL},
              {"ordered", ordered, METH_VARARGS, NULL}, {"checked", checked, METH_O, NULL})
