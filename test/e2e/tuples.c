/* Wrappers that return a tuple of C scalars (Py_BuildValue's "(ll)", "ii",
 * "(di)", and tuples made item by item: PyTuple_New, then PyTuple_SET_ITEM
 * or PyTuple_SetItem), for test_tuples.py: their cores return void and store the items
 * through pointers after their other parameters. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* divmod of longs, floor division as Python's; ZeroDivisionError for 0. */
static PyObject *floordiv(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  if (b == 0 || (a == LONG_MIN && b == -1)) {
    PyErr_SetString(PyExc_ZeroDivisionError, "no quotient");
    return NULL;
  }
  long q = a / b, r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) {
    q -= 1;
    r += b;
  }
  return Py_BuildValue("(ll)", q, r);
}

/* math.frexp's shape: a double and an int, the double's item NaN or an
 * infinity where x is. */
static PyObject *mantissa(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  int e = 0;
  double m = isfinite(x) ? frexp(x, &e) : x;
  return Py_BuildValue("(di)", m, e);
}

/* Two returns of a tuple each, without parentheses, with a keyword. */
static PyObject *ordered(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *names[] = {"a", "b", NULL};
  int a, b = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|i", names, &a, &b))
    return NULL;
  if (a < b)
    return Py_BuildValue("ii", a, b);
  return Py_BuildValue("ii", b, a);
}

/* Three items of three kinds, one of them a _Bool's int ("i" of a
 * comparison), an unsigned one from a wider integer ("I" of a long: its
 * low-order bits). */
static PyObject *describe(PyObject *self, PyObject *args) {
  long n;
  if (!PyArg_ParseTuple(args, "l", &n))
    return NULL;
  return Py_BuildValue("(iId)", n < 0, (unsigned long)n * 3, (double)n / 2);
}

/* A tuple made item by item with the checks of each step: the low and high
 * halves of a long, and whether it is negative, as Python ints. */
static PyObject *halves(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *low = PyLong_FromUnsignedLong((unsigned long)n & 0xffffffffUL);
  if (!low)
    return NULL;
  PyObject *high = PyLong_FromLong(n >> 32);
  if (!high) {
    Py_DECREF(low);
    return NULL;
  }
  PyObject *t = PyTuple_New(3);
  if (!t) {
    Py_DECREF(low);
    Py_DECREF(high);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, low);
  PyTuple_SET_ITEM(t, 1, high);
  PyTuple_SET_ITEM(t, 2, PyLong_FromLong(n < 0));
  return t;
}

/* PyTuple_SetItem, checked, the tuple made first: a double's sum and
 * difference, NaN and infinities through. ValueError where both are NaN. */
static PyObject *sum_diff(PyObject *self, PyObject *args) {
  double a, b;
  if (!PyArg_ParseTuple(args, "dd", &a, &b))
    return NULL;
  if (isnan(a) && isnan(b)) {
    PyErr_SetString(PyExc_ValueError, "two NaNs");
    return NULL;
  }
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  if (PyTuple_SetItem(t, 0, PyFloat_FromDouble(a + b)) < 0 ||
      PyTuple_SetItem(t, 1, PyFloat_FromDouble(a - b)) < 0) {
    Py_DECREF(t);
    return NULL;
  }
  return t;
}

static PyMethodDef methods[] = {
    {"halves", halves, METH_O, NULL},
    {"sum_diff", sum_diff, METH_VARARGS, NULL},
    {"floordiv", floordiv, METH_VARARGS, NULL},
    {"mantissa", mantissa, METH_O, NULL},
    {"ordered", (PyCFunction)(void (*)(void))ordered, METH_VARARGS | METH_KEYWORDS, NULL},
    {"describe", describe, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "e2e_tuples", NULL, -1, methods};
PyMODINIT_FUNC PyInit_e2e_tuples(void) { return PyModule_Create(&module); }
