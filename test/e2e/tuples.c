/* Wrappers that return a tuple of C scalars (Py_BuildValue's "(ll)", "ii",
 * "(di)"), for test_tuples.py: their cores return void and store the items
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

static PyMethodDef methods[] = {
    {"floordiv", floordiv, METH_VARARGS, NULL},
    {"mantissa", mantissa, METH_O, NULL},
    {"ordered", (PyCFunction)(void (*)(void))ordered, METH_VARARGS | METH_KEYWORDS, NULL},
    {"describe", describe, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "e2e_tuples", NULL, -1, methods};
PyMODINIT_FUNC PyInit_e2e_tuples(void) { return PyModule_Create(&module); }
