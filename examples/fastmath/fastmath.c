/* fastmath: a small numeric extension written the ordinary way, with no
 * pyunbox annotations. Built with the plugin (setup.py), each function whose
 * wrapper only unboxes, computes and boxes gets an unboxed C core. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *clamp(PyObject *self, PyObject *args) {
  long x, lo, hi;
  if (!PyArg_ParseTuple(args, "lll:clamp", &x, &lo, &hi))
    return NULL;
  return PyLong_FromLong(x < lo ? lo : x > hi ? hi : x);
}

/* Euclid on magnitudes; unsigned so that gcd(LLONG_MIN, 0) is defined. */
static PyObject *gcd(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "gcd expected 2 arguments");
    return NULL;
  }
  long long a = PyLong_AsLongLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long long b = PyLong_AsLongLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  unsigned long long x = a < 0 ? 0ULL - (unsigned long long)a : (unsigned long long)a;
  unsigned long long y = b < 0 ? 0ULL - (unsigned long long)b : (unsigned long long)b;
  while (y != 0) {
    unsigned long long t = x % y;
    x = y;
    y = t;
  }
  return PyLong_FromUnsignedLongLong(x);
}

static PyObject *lerp(PyObject *self, PyObject *args) {
  double a, b, t;
  if (!PyArg_ParseTuple(args, "ddd:lerp", &a, &b, &t))
    return NULL;
  return PyFloat_FromDouble(a + (b - a) * t);
}

static PyObject *is_prime(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 2)
    Py_RETURN_FALSE;
  for (unsigned long d = 2; d * d <= (unsigned long)n; d++)
    if ((unsigned long)n % d == 0)
      Py_RETURN_FALSE;
  Py_RETURN_TRUE;
}

static PyObject *popcount(PyObject *self, PyObject *arg) {
  unsigned long long x = PyLong_AsUnsignedLongLong(arg);
  if (x == (unsigned long long)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(__builtin_popcountll(x));
}

/* The PyFloat_CheckExact fast path, as Cython writes it. */
static PyObject *smoothstep(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  x = x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
  return PyFloat_FromDouble(x * x * (3.0 - 2.0 * x));
}

/* Raises from its own code: its core bails there (the caller re-runs the wrapper). */
static PyObject *checked_isqrt(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "checked_isqrt: negative argument");
    return NULL;
  }
  unsigned long r = 0;
  while ((r + 1) * (r + 1) <= (unsigned long)n)
    r++;
  return PyLong_FromUnsignedLong(r);
}

static PyMethodDef fastmath_methods[] = {
    {"clamp", clamp, METH_VARARGS, "clamp(x, lo, hi)"},
    {"gcd", (PyCFunction)(void (*)(void))gcd, METH_FASTCALL, "gcd(a, b)"},
    {"lerp", lerp, METH_VARARGS, "lerp(a, b, t)"},
    {"is_prime", is_prime, METH_O, "is_prime(n)"},
    {"popcount", popcount, METH_O, "popcount(x)"},
    {"smoothstep", smoothstep, METH_O, "smoothstep(x) on [0, 1]"},
    {"checked_isqrt", checked_isqrt, METH_O, "isqrt(n), ValueError if n < 0"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fastmath_module = {
    PyModuleDef_HEAD_INIT, "fastmath", "numeric helpers, mined by pyunbox", -1,
    fastmath_methods,
};

PyMODINIT_FUNC PyInit_fastmath(void) { return PyModule_Create(&fastmath_module); }
