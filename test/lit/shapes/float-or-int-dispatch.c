// A double argument converted by its type, as SWIG_AsVal_double does: a
// float test, PyFloat_AsDouble for the float, and for an int (PyLong_Check)
// PyLong_AsDouble. A core's double parameter stands for a float and for an
// int below 2**1023 (accelerate passes float(i)); the pass proves that the
// wrapper does for the int what it does for that float, step for step
// (analysis/FloatIntDispatch.cpp), and the core then takes the float's way.
// Where the int's way differs (another value, another store, its own return
// or range check, the test's result used as a number) there is no core, and
// the remark says what differs. Tested at -O0 (PyFloat_Check inlined: a
// Py_IS_TYPE and a PyType_IsSubtype call joined by a phi) and at -O2, with
// CPython's headers and with PyPy's.
// RUN: %clang_pyunbox -O0 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// PyPy's headers test inline: Py_TYPE(o)->tp_pypy_flags & FLOAT_SUBCLASS, and
// tp_flags & LONG_SUBCLASS.
// RUN: %clang -O0 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'twice' (METH_O): double pyunbox_core_m_twice(double) [
// CHECK-DAG: remark: core for 'checked' (METH_O): double pyunbox_core_m_checked(double) [
// CHECK-DAG: remark: core for 'mul' (METH_FASTCALL): double pyunbox_core_m_mul(double, double) [
// The float's way may read the float's value (PyFloat_AS_DOUBLE), with no
// unboxer anywhere (kiwisolver's convert_to_double) or with PyFloat_AsDouble
// for the rest: where the dispatch is proven, that read is the parameter.
// CHECK-DAG: remark: core for 'kiwi' (METH_O): double pyunbox_core_m_kiwi(double) [
// CHECK-DAG: remark: core for 'any_float' (METH_O): double pyunbox_core_m_any_float(double) [
// A read of the float's value with no float test, and floats only: no core.
// CHECK-DAG: remark: no core for 'unchecked': argument 1 is used for more than unboxing
// CHECK-DAG: remark: no core for 'read_floats_only': no unboxer or argument parser of a C scalar is reachable from the wrapper
// CHECK-DAG: remark: no core for 'off_by_one': checks that argument 1 is an int, but unboxes it as double; for an int it was not proven to do what it does for a float of the same value: both run a call of '{{PyPyFloat_FromDouble|PyFloat_FromDouble}}' with what differs between them
// CHECK-DAG: remark: no core for 'remembers': {{.*}}: their ways part and store different things
// CHECK-DAG: remark: no core for 'counts_floats': {{.*}}: both run a call of '{{PyPyFloat_FromDouble|PyFloat_FromDouble}}' with what differs between them
// CHECK-DAG: remark: no core for 'int_returns': {{.*}}: one of them does more than test and convert on its own way (a call of '{{PyPyFloat_FromDouble|PyFloat_FromDouble}}')
// CHECK-DAG: remark: no core for 'int_range': {{.*}}: their ways part and do not meet again
// CHECK-DAG: remark: no core for 'floats_only': argument 1 is used for more than unboxing
// CHECK-DAG: remark: no core for 'half': argument 1 is used for more than unboxing (a call of '{{PyPyLong_AsDouble|PyLong_AsDouble}}')

#include "../Inputs/module.h"

static int last_kind; /* state a stretch may change */

/* SWIG_AsVal_double's order: float first, then int. */
static int as_double(PyObject *o, double *v) {
  if (PyFloat_Check(o)) {
    *v = PyFloat_AsDouble(o);
    return 0;
  } else if (PyLong_Check(o)) {
    double d = PyLong_AsDouble(o);
    if (!PyErr_Occurred()) {
      *v = d;
      return 0;
    }
    PyErr_Clear();
  }
  return -1;
}

static PyObject *twice(PyObject *self, PyObject *o) {
  double v;
  if (as_double(o, &v) < 0) {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  return PyFloat_FromDouble(2 * v);
}

/* The int's error test as hand-written code has it: the int's way steps over
   a branch it cannot decide (v == -1.0) whose sides meet again. */
static PyObject *checked(PyObject *self, PyObject *o) {
  double v;
  if (PyFloat_Check(o))
    v = PyFloat_AsDouble(o);
  else if (PyLong_Check(o)) {
    v = PyLong_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred())
      return NULL;
  } else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  return PyFloat_FromDouble(3 * v - 1);
}

/* The int test first: the analysis takes int tests as true (as for an int
   argument) until the argument's kind is settled, so the float's arm, the
   only unboxer, never runs there, and PyLong_AsDouble (no unboxer) is handed
   the argument. No core: a limitation, not a proof. */
static PyObject *half(PyObject *self, PyObject *o) {
  double v;
  if (PyLong_Check(o))
    v = PyLong_AsDouble(o);
  else if (PyFloat_Check(o))
    v = PyFloat_AsDouble(o);
  else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  if (v == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(v / 2);
}

/* The int arm gives another value: no core. */
static PyObject *off_by_one(PyObject *self, PyObject *o) {
  double v;
  if (PyFloat_Check(o))
    v = PyFloat_AsDouble(o);
  else if (PyLong_Check(o))
    v = PyLong_AsDouble(o) + 1;
  else
    return NULL;
  return PyFloat_FromDouble(v);
}

/* The arms store different things: no core. */
static PyObject *remembers(PyObject *self, PyObject *o) {
  double v;
  if (PyFloat_Check(o)) {
    last_kind = 1;
    v = PyFloat_AsDouble(o);
  } else if (PyLong_Check(o)) {
    last_kind = 2;
    v = PyLong_AsDouble(o);
  } else
    return NULL;
  return PyFloat_FromDouble(v);
}

/* The test's result is used as a number: no core. */
static PyObject *counts_floats(PyObject *self, PyObject *o) {
  double v;
  int is_float = PyFloat_Check(o);
  if (is_float)
    v = PyFloat_AsDouble(o);
  else if (PyLong_Check(o))
    v = PyLong_AsDouble(o);
  else
    return NULL;
  return PyFloat_FromDouble(v + is_float);
}

/* The int arm returns on its own: no core. */
static PyObject *int_returns(PyObject *self, PyObject *o) {
  if (PyFloat_Check(o))
    return PyFloat_FromDouble(PyFloat_AsDouble(o));
  if (PyLong_Check(o))
    return PyFloat_FromDouble(PyLong_AsDouble(o) * 3);
  return NULL;
}

/* The int arm checks a range the float arm does not: no core. */
static PyObject *int_range(PyObject *self, PyObject *o) {
  double v;
  if (PyFloat_Check(o))
    v = PyFloat_AsDouble(o);
  else if (PyLong_Check(o)) {
    v = PyLong_AsDouble(o);
    if (v > 100) {
      PyErr_SetString(PyExc_ValueError, "too large");
      return NULL;
    }
  } else
    return NULL;
  return PyFloat_FromDouble(v);
}

/* Only floats: no core (an int raises). */
static PyObject *floats_only(PyObject *self, PyObject *o) {
  if (!PyFloat_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "a float is required");
    return NULL;
  }
  return PyFloat_FromDouble(PyFloat_AsDouble(o) * 2);
}

/* kiwisolver's convert_to_double: the float's value read directly. */
static int convert_to_double(PyObject *obj, double *out) {
  if (PyFloat_Check(obj)) {
    *out = PyFloat_AS_DOUBLE(obj);
    return 1;
  }
  if (PyLong_Check(obj)) {
    *out = PyLong_AsDouble(obj);
    if (*out == -1.0 && PyErr_Occurred())
      return 0;
    return 1;
  }
  PyErr_SetString(PyExc_TypeError, "float, int, or long");
  return 0;
}

static PyObject *kiwi(PyObject *self, PyObject *o) {
  double v;
  if (!convert_to_double(o, &v))
    return NULL;
  return PyFloat_FromDouble(v * v + 1);
}

/* Any float (a subclass too) read directly, anything else converted. */
static PyObject *any_float(PyObject *self, PyObject *o) {
  double v = PyFloat_Check(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o);
  if (v == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(v / 3);
}

static PyObject *unchecked(PyObject *self, PyObject *o) {
  double v = PyFloat_AS_DOUBLE(o) + PyFloat_AsDouble(o);
  if (v == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(v);
}

static PyObject *read_floats_only(PyObject *self, PyObject *o) {
  if (!PyFloat_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "a float is required");
    return NULL;
  }
  return PyFloat_FromDouble(PyFloat_AS_DOUBLE(o) * 2);
}

/* Two arguments, each dispatched. */
static PyObject *mul(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double x, y;
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "mul takes 2 arguments");
    return NULL;
  }
  if (as_double(args[0], &x) < 0 || as_double(args[1], &y) < 0) {
    PyErr_SetString(PyExc_TypeError, "numbers are required");
    return NULL;
  }
  return PyFloat_FromDouble(x * y);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL}, {"half", half, METH_O, NULL},
              {"checked", checked, METH_O, NULL},
              {"off_by_one", off_by_one, METH_O, NULL}, {"remembers", remembers, METH_O, NULL},
              {"counts_floats", counts_floats, METH_O, NULL}, {"int_returns", int_returns, METH_O, NULL},
              {"int_range", int_range, METH_O, NULL}, {"floats_only", floats_only, METH_O, NULL},
              {"mul", (PyCFunction)(void (*)(void))mul, METH_FASTCALL, NULL},
              {"kiwi", kiwi, METH_O, NULL}, {"any_float", any_float, METH_O, NULL},
              {"unchecked", unchecked, METH_O, NULL},
              {"read_floats_only", read_floats_only, METH_O, NULL})
