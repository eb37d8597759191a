// Where every run from a block on ends by returning NULL, the core bails at
// that block's entry, whatever the run does on the way there: here it
// builds the exception with the interpreter and adds a traceback (Cython's
// `except -1` functions and the callers that check their -1). A block from
// which some run returns an object is no such block: 'recovers' keeps its
// call of the interpreter, and gets no core. This is the analysis' last
// rung: the functions are added at import, as Cython's are, so no core can
// check its result and raise itself as CPython does (the rung before).
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o %remarks 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=JSON

// CHECK-DAG: remark: {{.*}}core for 'checked' (METH_O): long pyunbox_core_m_checked(long, int *); bails where the wrapper raises
// CHECK-DAG: remark: {{.*}}no core for 'recovers': calls 'PyObject_CallNoArgs' for well-typed arguments
// CHECK-DAG: remark: {{.*}}no core for 'loops': calls 'PyObject_CallNoArgs' for well-typed arguments
// JSON: "python_name": "checked", {{.*}}"needs_interpreter": false, "memory": "none", "errors": "bail"

#include "../Inputs/module.h"

void add_traceback(const char *where, int line); // another file's: unknown

static long twice_or_fail(long x) {
  if (x < 0) {
    PyObject *msg = PyUnicode_FromFormat("negative: %ld", x);
    if (msg) {
      PyErr_SetObject(PyExc_ValueError, msg);
      Py_DECREF(msg);
    }
    add_traceback("twice_or_fail", __LINE__);
    return -1;
  }
  return x % 1000 * 2;
}

static PyObject *checked(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long r = twice_or_fail(x);
  if (r == -1) {
    add_traceback("checked", __LINE__);
    return NULL;
  }
  return PyLong_FromLong(r);
}

PyObject *fallback; /* set at import */

static PyObject *recovers(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (x < 0) {
    PyObject *r = PyObject_CallNoArgs(fallback);
    if (r)
      return r;
    return NULL;
  }
  return PyLong_FromLong(x % 1000);
}

// A loop whose header is entered by two back edges with other values:
// walked per edge, the run that reaches the object return is seen, and
// the block is no failing one ('loops' keeps its call, and gets no core).
int keep_going; /* another file's: its value is not known */

static PyObject *loops(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (x < 0) {
    int mode = 0;
    for (;;) {
      if (mode == 2)
        return PyObject_CallNoArgs(fallback);
      if (mode == 1) {
        mode = 2;
        continue;
      }
      if (!keep_going)
        return NULL;
      mode = 1;
    }
  }
  return PyLong_FromLong(x % 1000);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"checked", checked, METH_O, NULL},
                               {"recovers", recovers, METH_O, NULL},
                               {"loops", loops, METH_O, NULL})
