// A loop over the arguments whose count is computed after the arity check,
// in the block that leads into the loop. The draft asks lazy value info
// whether an edge into a loop can be taken, at the last branch on the way
// in (propagateEntryFacts); n is not defined there yet, so it must not ask
// about n: of a value not available at the edge, lazy value info (in a
// build without assertions) reads the instruction as an argument, a wild
// read that faulted on pygame's Vector2.update and Vector3.update, or could
// have given a range from garbage. The count is not bounded: no core, and
// the remark says why.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK: remark: no core for 'late': reads its arguments at an index that is not a constant (a loop over them whose trip count is not a constant)

#include "../Inputs/module.h"

extern long more(void);

static PyObject *late(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long s = 0;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "1 or 2 arguments");
    return NULL;
  }
  Py_ssize_t n = nargs + (Py_ssize_t)more();
  for (Py_ssize_t i = 0; i < n; i++) {
    long v = PyLong_AsLong(args[i % nargs]);
    if (v == -1 && PyErr_Occurred())
      return NULL;
    s += v;
  }
  return PyLong_FromLong(s);
}

DEFINE_MODULE(m, {"late", (PyCFunction)(void (*)(void))late, METH_FASTCALL, NULL})
