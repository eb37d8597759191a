// A loop over the arguments whose count the wrapper's checks bound to a
// range (SWIG's default arguments: SWIG_Python_UnpackTuple(args, name, 1, 2,
// objs) copies `for (i = 0; i < l; ++i)`, then pads with NULLs). The draft
// is unrolled for the most the checks let in, and is the wrapper for calls
// of that many arguments only (Drafting.h's ArityAssumption): the core takes
// them all, and the record says those past the fewest are optional, with no
// default (such calls take the wrapper). With CPython's and PyPy's headers
// (PyPy's PyTuple_GET_SIZE is an inline read of ob_size).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// At -Os and -Oz too: the draft's optsize and minsize would hold LLVM's
// unroller to their thresholds, under which a loop whose trip count is only
// bounded stays rolled (before: at -Oz, no core for 'sum3', "reads its
// arguments in a loop ... but reads 4 of them with 3").
// RUN: %clang_pyunbox -Os %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -Oz %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O0 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'shift' (METH_VARARGS): long pyunbox_core_m_shift(long, long) [
// REMARK-DAG: remark: core for 'sum3' (METH_FASTCALL): long pyunbox_core_m_sum3(long, long, long) [
// The loop reads one argument fewer than its count: a draft for 3 reads 2.
// REMARK-DAG: remark: no core for 'pairs': reads its arguments in a loop over their count, which its checks let be 2 to 3, but reads 2 of them with 3
// No test bounds the count from above: nothing to unroll for, and the core
// is the one for calls of no arguments (the loop does not run), as before.
// REMARK-DAG: remark: core for 'unbounded' (METH_FASTCALL): long pyunbox_core_m_unbounded(void) [

// RECORD-DAG: "python_name": "shift", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// RECORD-DAG: "python_name": "sum3", {{.*}}"param_optional": [false, true, true], "param_defaults": [null, null, null]

#include "../Inputs/module.h"

/* SWIG_Python_UnpackTuple's way, for a tuple of min to max items. */
static int unpack(PyObject *args, Py_ssize_t min, Py_ssize_t max, PyObject **objs) {
  Py_ssize_t l = PyTuple_GET_SIZE(args), i;
  if (l < min || l > max) {
    PyErr_SetString(PyExc_TypeError, "wrong number of arguments");
    return 0;
  }
  for (i = 0; i < l; ++i)
    objs[i] = PyTuple_GET_ITEM(args, i);
  for (; l < max; ++l)
    objs[l] = NULL;
  return 1;
}

static PyObject *shift(PyObject *self, PyObject *args) {
  PyObject *o[2];
  long x, n = 1;
  if (!unpack(args, 1, 2, o))
    return NULL;
  x = PyLong_AsLong(o[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (o[1]) {
    n = PyLong_AsLong(o[1]);
    if (n == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong(x * (n & 7));
}

static PyObject *sum3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long s = 0;
  if (nargs < 1 || nargs > 3) {
    PyErr_SetString(PyExc_TypeError, "1 to 3 arguments");
    return NULL;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) {
    long v = PyLong_AsLong(args[i]);
    if (v == -1 && PyErr_Occurred())
      return NULL;
    s ^= v;
  }
  return PyLong_FromLong(s);
}

static PyObject *pairs(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long s = 0;
  if (nargs < 2 || nargs > 3) {
    PyErr_SetString(PyExc_TypeError, "2 or 3 arguments");
    return NULL;
  }
  for (Py_ssize_t i = 1; i < nargs; i++) {
    long v = PyLong_AsLong(args[i - 1]);
    if (v == -1 && PyErr_Occurred())
      return NULL;
    s ^= v;
  }
  return PyLong_FromLong(s);
}

static PyObject *unbounded(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long s = 0;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    long v = PyLong_AsLong(args[i]);
    if (v == -1 && PyErr_Occurred())
      return NULL;
    s ^= v;
  }
  return PyLong_FromLong(s);
}

DEFINE_MODULE(m, {"shift", shift, METH_VARARGS, NULL},
              {"sum3", (PyCFunction)(void (*)(void))sum3, METH_FASTCALL, NULL},
              {"pairs", (PyCFunction)(void (*)(void))pairs, METH_FASTCALL, NULL},
              {"unbounded", (PyCFunction)(void (*)(void))unbounded, METH_FASTCALL, NULL})
