// METH_VARARGS without PyArg_ParseTuple: the wrapper checks the tuple's size
// and reads PyTuple_GET_ITEM(args, k), each unboxed. The core takes as many
// arguments as items are read, and the size check folds to that count.
// RUN: %clang_pyunbox -O0 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -DNDEBUG -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'diff' (METH_VARARGS): long pyunbox_core_m_diff(long, long)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_diff(i64 noundef %0, i64 noundef %1)
// IR-NEXT:    %[[R:.*]] = sub nsw i64 %0, %1
// IR-NEXT:    ret i64 %[[R]]

#include "../Inputs/module.h"

static PyObject *diff(PyObject *self, PyObject *args) {
  if (PyTuple_GET_SIZE(args) != 2) {
    PyErr_SetString(PyExc_TypeError, "diff() takes 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(PyTuple_GET_ITEM(args, 0));
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(PyTuple_GET_ITEM(args, 1));
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a - b);
}

DEFINE_MODULE(m, {"diff", diff, METH_VARARGS, NULL})
