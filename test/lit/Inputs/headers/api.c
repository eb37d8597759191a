/* One module of the shapes the tests compile against each CPython release's
 * headers (test/lit/headers): the same cores whatever the release, and the
 * C API each release adds known as it appears. 3.12 made objects such as
 * None immortal (Py_RETURN_NONE no longer counts a reference; Py_INCREF
 * skips an immortal one), 3.13 turned PY_SSIZE_T_CLEAN on by default and
 * made _PyLong_AsInt public as PyLong_AsInt (removing the old name), 3.14
 * added PyLong_FromInt32 and PyLong_AsInt32 and their siblings.
 * PY_SSIZE_T_CLEAN renames the parsers to their _SizeT spelling up to 3.12;
 * 3.13's headers call the plain one, whose '#' length is a Py_ssize_t from
 * 3.13 on only: a core of it bails below 3.13 (prefix PLAIN; SIZET before). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

// CHECK-DAG: remark: core for 'inc' (METH_O): long pyunbox_core_api_inc(long) [
static PyObject *inc(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v + 1);
}

// CHECK-DAG: remark: core for 'square' (METH_O): double pyunbox_core_api_square(double) [
static PyObject *square(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * x);
}

// SWIG's dispatch: a float's value, or an int's PyLong_AsDouble.
// CHECK-DAG: remark: core for 'triple' (METH_O): double pyunbox_core_api_triple(double) [
static PyObject *triple(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_Check(arg))
    x = PyFloat_AsDouble(arg);
  else if (PyLong_Check(arg))
    x = PyLong_AsDouble(arg);
  else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(3.0 * x);
}

// Its reason names what reads self: a call of Py_IS_TYPE, or from 3.15 the
// inline read of its type.
// CHECK-DAG: remark: no core for 'uses_self': {{.*}}uses self (
static PyObject *uses_self(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(PyModule_Check(self) ? v : -v);
}

// CHECK-DAG: remark: core for 'scaled' (METH_VARARGS): double pyunbox_core_api_scaled(double, double) [
static PyObject *scaled(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *names[] = {"x", "scale", NULL};
  double x, scale = 2.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|d", names, &x, &scale))
    return NULL;
  return PyFloat_FromDouble(x * scale);
}

// CHECK-DAG: remark: core for 'checked_div' (METH_VARARGS): long pyunbox_core_api_checked_div(long, long, int *); bails where the wrapper raises [
static PyObject *checked_div(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyLong_FromLong(a / b);
}

// The argument tuple read directly, its items checked with PyLong_Check
// (Py_TYPE: 3.14's _Py_TYPE, 3.15's _Py_TYPE_impl): 3.14's tuple has a
// cached hash before its items.
// CHECK-DAG: remark: core for 'tuple_items' (METH_VARARGS): long pyunbox_core_api_tuple_items(long, long) [
static PyObject *tuple_items(PyObject *self, PyObject *args) {
  if (PyTuple_GET_SIZE(args) != 2) {
    PyErr_SetString(PyExc_TypeError, "tuple_items expects 2 arguments");
    return NULL;
  }
  PyObject *first = PyTuple_GET_ITEM(args, 0), *second = PyTuple_GET_ITEM(args, 1);
  if (!PyLong_Check(first) || !PyLong_Check(second)) {
    PyErr_SetString(PyExc_TypeError, "ints are required");
    return NULL;
  }
  long a = PyLong_AsLong(first);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(second);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a - b);
}

// The bytes of a str or a bytes ("s#"), read in the wrapper's own body.
// SIZET-DAG: remark: core for 'weigh' (METH_VARARGS): long pyunbox_core_api_weigh(const char *, Py_ssize_t) [
// PLAIN-DAG: remark: core for 'weigh' (METH_VARARGS): long pyunbox_core_api_weigh(const char *, Py_ssize_t, int *); bails where the wrapper raises [
static PyObject *weigh(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  long w = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    w = 31 * w + (unsigned char)s[i];
  return PyLong_FromLong(w);
}

// CHECK-DAG: remark: core for 'add' (METH_FASTCALL): long pyunbox_core_api_add(long, long) [
static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "add expects 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a + b);
}

// CHECK-DAG: remark: core for 'is_small' (METH_O): _Bool pyunbox_core_api_is_small(long) [
static PyObject *is_small(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  if (v < 10)
    Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

// CHECK-DAG: remark: core for 'check' (METH_O): void pyunbox_core_api_check(long) [
static PyObject *check(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  Py_RETURN_NONE;
}

// The int unboxer: _PyLong_AsInt up to 3.12, PyLong_AsInt from 3.13.
// CHECK-DAG: remark: core for 'twice_int' (METH_O): long pyunbox_core_api_twice_int(int) [
static PyObject *twice_int(PyObject *self, PyObject *arg) {
#if PY_VERSION_HEX >= 0x030D0000
  int v = PyLong_AsInt(arg);
#else
  int v = _PyLong_AsInt(arg);
#endif
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2L * v);
}

#if PY_VERSION_HEX >= 0x030E0000
// API314-DAG: remark: core for 'box_i32' (METH_O): int pyunbox_core_api_box_i32(long) [
static PyObject *box_i32(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromInt32((int32_t)v);
}
// API314-DAG: remark: core for 'box_u32' (METH_O): unsigned int pyunbox_core_api_box_u32(long) [
static PyObject *box_u32(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromUInt32((uint32_t)v);
}
// API314-DAG: remark: core for 'box_i64' (METH_O): long pyunbox_core_api_box_i64(long) [
static PyObject *box_i64(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromInt64((int64_t)v * 3);
}
// API314-DAG: remark: core for 'box_u64' (METH_O): unsigned long pyunbox_core_api_box_u64(unsigned long) [
static PyObject *box_u64(PyObject *self, PyObject *arg) {
  unsigned long v = PyLong_AsUnsignedLong(arg);
  if (v == (unsigned long)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromUInt64((uint64_t)v >> 1);
}
// Its unboxers into an out-parameter return 0, or -1 with an exception.
// API314-DAG: remark: core for 'inc_i32' (METH_O): long pyunbox_core_api_inc_i32(int) [
static PyObject *inc_i32(PyObject *self, PyObject *arg) {
  int32_t v;
  if (PyLong_AsInt32(arg, &v) < 0)
    return NULL;
  return PyLong_FromLong((long)v + 1);
}
// API314-DAG: remark: core for 'mix' (METH_FASTCALL): unsigned long pyunbox_core_api_mix(unsigned int, long, unsigned long) [
static PyObject *mix(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  uint32_t a;
  int64_t b;
  uint64_t c;
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "mix expects 3 arguments");
    return NULL;
  }
  if (PyLong_AsUInt32(args[0], &a) == -1 || PyLong_AsInt64(args[1], &b) == -1 ||
      PyLong_AsUInt64(args[2], &c) != 0)
    return NULL;
  return PyLong_FromUInt64(a + (uint64_t)b + c);
}
#define API314_METHODS                                                                            \
  {"box_i32", box_i32, METH_O, NULL}, {"box_u32", box_u32, METH_O, NULL},                         \
      {"box_i64", box_i64, METH_O, NULL}, {"box_u64", box_u64, METH_O, NULL},                     \
      {"inc_i32", inc_i32, METH_O, NULL},                                                         \
      {"mix", (PyCFunction)(void (*)(void))mix, METH_FASTCALL, NULL},
#else
#define API314_METHODS
#endif

static PyMethodDef methods[] = {
    {"inc", inc, METH_O, NULL},
    {"square", square, METH_O, NULL},
    {"triple", triple, METH_O, NULL},
    {"uses_self", uses_self, METH_O, NULL},
    {"scaled", (PyCFunction)(void (*)(void))scaled, METH_VARARGS | METH_KEYWORDS, NULL},
    {"checked_div", checked_div, METH_VARARGS, NULL},
    {"tuple_items", tuple_items, METH_VARARGS, NULL},
    {"weigh", weigh, METH_VARARGS, NULL},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {"is_small", is_small, METH_O, NULL},
    {"check", check, METH_O, NULL},
    {"twice_int", twice_int, METH_O, NULL},
    API314_METHODS
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "api", NULL, -1, methods};

PyMODINIT_FUNC PyInit_api(void) { return PyModule_Create(&module); }
