// The shape SWIG 4 generates for `int gcd(int, int)` (its runtime's helpers
// written out here in brief; test/e2e/test_swig.py runs the real swig):
//   - SWIG_Python_UnpackTuple(args, "gcd", 2, 2, objs) refuses `l < 2` and
//     `l > 2` and then copies `for (i = 0; i < l; ++i) objs[i] = item i`, and
//     pads `for (; l < max; ++l) objs[l] = 0`. Lazy value info proves l is 2
//     on the edge into each loop (the second only once the first is gone),
//     so both unroll and objs[] becomes the two items;
//   - it tests `if (!args)`, which METH_VARARGS never passes;
//   - SWIG_AsVal_long is PyLong_Check, PyLong_AsLong and PyErr_Occurred,
//     and SWIG_AsVal_int adds a range check: an int out of C int's range
//     raises OverflowError, and the core bails there;
//   - the exception is chosen on the failing path by SWIG_Python_ErrorType
//     (a switch over SWIG's codes that reads PyExc_*): the core bails before
//     it, and needs no GIL.
// With min < max (an optional argument) l is 1 or 2: the draft is unrolled
// for 2, the core takes both, and the record says the second is optional
// with no default (a call of one takes the wrapper; Drafting.h's
// ArityAssumption).
// RUN: %clang_pyunbox -O0 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'gcd' (METH_VARARGS): long pyunbox_core_m_gcd(long, long, int *); bails where the wrapper raises
// CHECK-DAG: remark: core for 'neg' (METH_VARARGS): long pyunbox_core_m_neg(long, int *); bails where the wrapper raises
// CHECK-DAG: remark: core for 'shift' (METH_VARARGS): long pyunbox_core_m_shift(long, long, int *); bails where the wrapper raises

#include "../Inputs/module.h"

#define SWIG_OK 0
#define SWIG_TypeError -5
#define SWIG_OverflowError -7
#define SWIG_IsOK(r) ((r) >= 0)

static PyObject *SWIG_Python_ErrorType(int code) {
  switch (code) {
  case SWIG_TypeError: return PyExc_TypeError;
  case SWIG_OverflowError: return PyExc_OverflowError;
  default: return PyExc_RuntimeError;
  }
}

static Py_ssize_t SWIG_Python_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min,
                                          Py_ssize_t max, PyObject **objs) {
  if (!args) {
    if (!min && !max)
      return 1;
    PyErr_Format(PyExc_TypeError, "%s expected %d arguments, got none", name, (int)min);
    return 0;
  }
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_SystemError, "UnpackTuple() argument list is not a tuple");
    return 0;
  }
  Py_ssize_t l = PyTuple_GET_SIZE(args);
  if (l < min || l > max) {
    PyErr_Format(PyExc_TypeError, "%s expected %d arguments, got %d", name, (int)min, (int)l);
    return 0;
  }
  Py_ssize_t i;
  for (i = 0; i < l; ++i)
    objs[i] = PyTuple_GET_ITEM(args, i);
  for (; l < max; ++l)
    objs[l] = 0;
  return i + 1;
}

static int SWIG_AsVal_long(PyObject *obj, long *val) {
  if (PyLong_Check(obj)) {
    long v = PyLong_AsLong(obj);
    if (!PyErr_Occurred()) {
      if (val)
        *val = v;
      return SWIG_OK;
    }
    PyErr_Clear();
    return SWIG_OverflowError;
  }
  return SWIG_TypeError;
}

static int SWIG_AsVal_int(PyObject *obj, int *val) {
  long v;
  int res = SWIG_AsVal_long(obj, &v);
  if (SWIG_IsOK(res)) {
    if (v < INT_MIN || v > INT_MAX)
      return SWIG_OverflowError;
    if (val)
      *val = (int)v;
  }
  return res;
}

#define SWIG_exception_fail(code, msg)                                                        \
  do {                                                                                        \
    PyErr_SetString(SWIG_Python_ErrorType(code), msg);                                        \
    goto fail;                                                                                \
  } while (0)

static int gcd_(int x, int y) {
  int g = y;
  while (x > 0) {
    g = x;
    x = y % x;
    y = g;
  }
  return g;
}

static PyObject *_wrap_gcd(PyObject *self, PyObject *args) {
  int val1, val2, ecode;
  PyObject *swig_obj[2];
  if (!SWIG_Python_UnpackTuple(args, "gcd", 2, 2, swig_obj))
    goto fail;
  ecode = SWIG_AsVal_int(swig_obj[0], &val1);
  if (!SWIG_IsOK(ecode))
    SWIG_exception_fail(ecode, "in method 'gcd', argument 1 of type 'int'");
  ecode = SWIG_AsVal_int(swig_obj[1], &val2);
  if (!SWIG_IsOK(ecode))
    SWIG_exception_fail(ecode, "in method 'gcd', argument 2 of type 'int'");
  return PyLong_FromLong(gcd_(val1, val2));
fail:
  return NULL;
}

static PyObject *_wrap_neg(PyObject *self, PyObject *args) {
  int val1, ecode;
  PyObject *swig_obj[1];
  if (!SWIG_Python_UnpackTuple(args, "neg", 1, 1, swig_obj))
    goto fail;
  ecode = SWIG_AsVal_int(swig_obj[0], &val1);
  if (!SWIG_IsOK(ecode))
    SWIG_exception_fail(ecode, "in method 'neg', argument 1 of type 'int'");
  return PyLong_FromLong(-(long)val1);
fail:
  return NULL;
}

/* shift(x, n=1): SWIG's default argument, 1 or 2 items. */
static PyObject *_wrap_shift(PyObject *self, PyObject *args) {
  int val1, val2 = 1, ecode;
  PyObject *swig_obj[2];
  if (!SWIG_Python_UnpackTuple(args, "shift", 1, 2, swig_obj))
    goto fail;
  ecode = SWIG_AsVal_int(swig_obj[0], &val1);
  if (!SWIG_IsOK(ecode))
    SWIG_exception_fail(ecode, "in method 'shift', argument 1 of type 'int'");
  if (swig_obj[1]) {
    ecode = SWIG_AsVal_int(swig_obj[1], &val2);
    if (!SWIG_IsOK(ecode))
      SWIG_exception_fail(ecode, "in method 'shift', argument 2 of type 'int'");
  }
  return PyLong_FromLong((long)val1 << (val2 & 31));
fail:
  return NULL;
}

DEFINE_MODULE(m, {"gcd", _wrap_gcd, METH_VARARGS, NULL}, {"neg", _wrap_neg, METH_VARARGS, NULL},
              {"shift", _wrap_shift, METH_VARARGS, NULL})
