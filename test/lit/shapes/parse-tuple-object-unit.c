// A plain "O" unit gives the wrapper the object, which it unboxes itself
// afterwards (PyLong_AsLong, PyFloat_AsDouble, kiwisolver's convert_to_double
// of a float or an int): the loads of the unit's variable that the parse
// dominates are the argument, as args[k] is, and the core takes the scalar
// its unboxer gives. An optional "O" keeps what was stored before the parse
// (NULL or None): where the wrapper then uses a constant, that is the
// default. PyArg_UnpackTuple and _PyArg_UnpackStack store objects alone:
// each output is such a unit, those past min optional. Tested at -O0 and
// -O2, with CPython's headers and with PyPy's.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,CPYTHON --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,CPYTHON --implicit-check-not=remark:
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump %t0.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC -c %s -o %tp.o
// RUN: %dump %tp.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// CHECK-DAG: remark: core for 'triple' (METH_VARARGS): long pyunbox_core_m_triple(long) [
// CHECK-DAG: remark: core for 'mixed' (METH_VARARGS): double pyunbox_core_m_mixed(double, double) [
// CHECK-DAG: remark: core for 'minus' (METH_VARARGS): long pyunbox_core_m_minus(long, long) [
// CHECK-DAG: remark: core for 'minus_branchy' (METH_VARARGS): long pyunbox_core_m_minus_branchy(long, long) [
// CHECK-DAG: remark: core for 'offset' (METH_VARARGS): double pyunbox_core_m_offset(double, double) [
// CHECK-DAG: remark: core for 'weigh' (METH_VARARGS): double pyunbox_core_m_weigh(double, double, double) [
// CHECK-DAG: remark: core for 'scaled' (METH_VARARGS): double pyunbox_core_m_scaled(double, double) [
// CHECK-DAG: remark: core for 'counted' (METH_VARARGS): long pyunbox_core_m_counted(long) [
// CHECK-DAG: remark: core for 'unpacked' (METH_VARARGS): long pyunbox_core_m_unpacked(long, long) [
// CPYTHON-DAG: remark: core for 'stacked' (METH_FASTCALL): double pyunbox_core_m_stacked(double, double) [

// TABLE-DAG: m.triple {{.*}} (_0, /)
// TABLE-DAG: m.minus {{.*}} (_0, _1=7, /)
// TABLE-DAG: m.minus_branchy {{.*}} (_0, _1=7, /)
// TABLE-DAG: m.offset {{.*}} (_0, _1=0.25, /)
// TABLE-DAG: m.scaled {{.*}} (x, scale=2.5)
// TABLE-DAG: m.unpacked {{.*}} (_0, _1=10, /)
// TABLE-DAG: m.counted {{.*}} (_0=?, /)
// (PyPy's PyFloat_Check reads the type's tp_pypy_flags: a read of the
// argument's type, which a missing argument's default may skip.)
// TABLE-DAG: m.weigh {{.*}} (_0, _1, _2=1.0, /)

// The core neither stores nor reads the object.
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_triple(i64
// IR-NOT: load ptr
// IR: ret i64

#include "../Inputs/module.h"

static PyObject *triple(PyObject *self, PyObject *args) {
  PyObject *o;
  if (!PyArg_ParseTuple(args, "O", &o))
    return NULL;
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 3);
}

// A numeric code beside an object unboxed as a double.
static PyObject *mixed(PyObject *self, PyObject *args) {
  double a;
  PyObject *ob;
  if (!PyArg_ParseTuple(args, "dO:mixed", &a, &ob))
    return NULL;
  double b = PyFloat_AsDouble(ob);
  if (b == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(a * b + 1.0);
}

// An optional object, NULL when omitted: the default is chosen after the
// parse.
static PyObject *minus(PyObject *self, PyObject *args) {
  PyObject *a, *b = NULL;
  long x, y;
  if (!PyArg_ParseTuple(args, "O|O", &a, &b))
    return NULL;
  x = PyLong_AsLong(a);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (b == NULL) {
    y = 7;
  } else {
    y = PyLong_AsLong(b);
    if (y == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong(x - y);
}

// The same with b's NULL stored past a test and forty branches after the
// parse ('minus_branchy'): that store never runs after the parse, though
// LLVM's isPotentiallyReachable, which gives up after a few dozen blocks,
// would say it may (ControlFlow.cpp).
#define STEP(K) if (r % (K + 2) == 0) r += K;
#define STEPS10(K) STEP(K) STEP(K + 1) STEP(K + 2) STEP(K + 3) STEP(K + 4) STEP(K + 5) STEP(K + 6) STEP(K + 7) STEP(K + 8) STEP(K + 9)
static PyObject *minus_branchy(PyObject *self, PyObject *args) {
  PyObject *a, *b;
  long x, y, r;
  if (!args) /* SWIG's test: METH_VARARGS always has a tuple */
    return NULL;
  b = NULL;
  if (!PyArg_ParseTuple(args, "O|O", &a, &b))
    return NULL;
  x = PyLong_AsLong(a);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (b == NULL) {
    y = 7;
  } else {
    y = PyLong_AsLong(b);
    if (y == -1 && PyErr_Occurred())
      return NULL;
  }
  r = x & 0xffff;
  STEPS10(0) STEPS10(10) STEPS10(20) STEPS10(30)
  return PyLong_FromLong(r - (y & 0xffff));
}

// None as the sentinel: a core stands for numbers, never None.
static PyObject *offset(PyObject *self, PyObject *args) {
  PyObject *o = Py_None;
  double d = 0.25, x;
  if (!PyArg_ParseTuple(args, "d|O", &x, &o))
    return NULL;
  if (o != Py_None) {
    d = PyFloat_AsDouble(o);
    if (d == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble(x + d);
}

// kiwisolver's convert_to_double: a float's value, an int's PyLong_AsDouble,
// a TypeError for anything else.
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
  PyErr_Format(PyExc_TypeError, "Expected object of type `float`. Got object of type `%s` instead.",
               Py_TYPE(obj)->tp_name);
  return 0;
}
static PyObject *weigh(PyObject *self, PyObject *args) {
  PyObject *pya, *pyb, *pyw = NULL;
  double a, b, w = 1.0;
  if (!PyArg_ParseTuple(args, "OO|O", &pya, &pyb, &pyw))
    return NULL;
  if (!convert_to_double(pya, &a) || !convert_to_double(pyb, &b))
    return NULL;
  if (pyw && !convert_to_double(pyw, &w))
    return NULL;
  return PyFloat_FromDouble(a < 0 ? 0 : a * b * w);
}

static PyObject *scaled(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *names[] = {"x", "scale", NULL};
  PyObject *x, *s = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", names, &x, &s))
    return NULL;
  double xv = PyFloat_AsDouble(x);
  if (xv == -1.0 && PyErr_Occurred())
    return NULL;
  double sv = 2.5;
  if (s) {
    sv = PyFloat_AsDouble(s);
    if (sv == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble(xv * sv);
}

// The test against None is a value here, not a branch: a constant in the
// core (true: a core stands for numbers). With the argument omitted the
// result is 10, not the core's 2 * 5 + 1 for any constant: no default.
static PyObject *counted(PyObject *self, PyObject *args) {
  PyObject *o = Py_None;
  if (!PyArg_ParseTuple(args, "|O", &o))
    return NULL;
  long v = o == Py_None ? 5 : PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 2 + (o != Py_None));
}

static PyObject *unpacked(PyObject *self, PyObject *args) {
  PyObject *a, *b = NULL;
  if (!PyArg_UnpackTuple(args, "unpacked", 1, 2, &a, &b))
    return NULL;
  long x = PyLong_AsLong(a), y = 10;
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (b) {
    y = PyLong_AsLong(b);
    if (y == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong(x * y);
}

// PyPy's headers have no _PyArg_UnpackStack.
#ifndef PYPY_VERSION
static PyObject *stacked(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *a, *b;
  if (!_PyArg_UnpackStack(args, nargs, "stacked", 2, 2, &a, &b))
    return NULL;
  double x = PyFloat_AsDouble(a);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  double y = PyFloat_AsDouble(b);
  if (y == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(y == 0 ? x : x / y);
}
#define STACKED {"stacked", (PyCFunction)(void (*)(void))stacked, METH_FASTCALL, NULL},
#else
#define STACKED
#endif

DEFINE_MODULE(m, STACKED {"unpacked", unpacked, METH_VARARGS, NULL}, {"counted", counted, METH_VARARGS, NULL}, {"triple", triple, METH_VARARGS, NULL}, {"mixed", mixed, METH_VARARGS, NULL},
              {"minus", minus, METH_VARARGS, NULL}, {"minus_branchy", minus_branchy, METH_VARARGS, NULL}, {"offset", offset, METH_VARARGS, NULL},
              {"weigh", weigh, METH_VARARGS, NULL},
              {"scaled", (PyCFunction)(void (*)(void))scaled, METH_VARARGS | METH_KEYWORDS, NULL})
