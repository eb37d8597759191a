/* e2e_shapes: one function per wrapper shape pyunbox mines, and one per shape
 * it must refuse. Written the way extension authors write them: the usual error
 * checks, no pyunbox-specific annotations. test/e2e/expected.py lists which
 * functions must get a core and with which prototype.
 *
 * Signed arithmetic goes through unsigned types so that no input is undefined
 * behaviour: the wrapper and its core must agree on every input, and UB would
 * let -O0 and -O2 disagree for reasons that have nothing to do with pyunbox. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <math.h>

/* ---- METH_NOARGS ---------------------------------------------------------- */

static PyObject *answer(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(42);
}

/* Defined without the unused argument, put in the table through a cast. */
static PyObject *answer_short(PyObject *self) { return PyLong_FromLong(-42); }

/* Reads the unused argument, which the interpreter always passes as NULL. */
static PyObject *answer_checks_arg(PyObject *self, PyObject *unused) {
  if (unused != NULL) {
    PyErr_SetString(PyExc_SystemError, "METH_NOARGS got an argument");
    return NULL;
  }
  return PyLong_FromLong(4242);
}

/* ---- METH_O: one unboxer, one boxer --------------------------------------- */

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)n + 1));
}

static PyObject *neg_ll(PyObject *self, PyObject *arg) {
  long long x = PyLong_AsLongLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLongLong((long long)(0ULL - (unsigned long long)x));
}

static PyObject *ssize_twice(PyObject *self, PyObject *arg) {
  Py_ssize_t n = PyLong_AsSsize_t(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromSsize_t((Py_ssize_t)((size_t)n * 2));
}

static PyObject *ulong_half(PyObject *self, PyObject *arg) {
  unsigned long x = PyLong_AsUnsignedLong(arg);
  if (x == (unsigned long)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromUnsignedLong(x / 2);
}

static PyObject *ull_xor(PyObject *self, PyObject *arg) {
  unsigned long long x = PyLong_AsUnsignedLongLong(arg);
  if (x == (unsigned long long)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromUnsignedLongLong(x ^ 0xF0F0F0F0F0F0F0F0ULL);
}

static PyObject *int_square(PyObject *self, PyObject *arg) {
  int x = _PyLong_AsInt(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)x * x); /* fits: |x| <= 2^31 */
}

static PyObject *dbl_affine(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * 2.5 + 1.0);
}

/* The inline fast path Cython and hand-written code use for exact floats. */
static PyObject *dbl_diamond(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x * x - 0.5);
}

/* SWIG_AsVal_double's way: a float test, PyFloat_AsDouble for the float,
   PyLong_AsDouble for an int, TypeError for anything else. The pass proves
   the int's way gives what the float's gives for float(i)
   (analysis/FloatIntDispatch.cpp). */
static PyObject *dbl_dispatch(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_Check(arg))
    x = PyFloat_AsDouble(arg);
  else if (PyLong_Check(arg)) {
    x = PyLong_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
      return NULL;
  } else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  return PyFloat_FromDouble(3 * x - 1);
}

/* The same with the float's value read directly (PyFloat_AS_DOUBLE), as
   kiwisolver's convert_to_double does: no unboxer at all, the read is the
   argument's value once the dispatch is proven. */
static PyObject *dbl_read_dispatch(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_Check(arg))
    x = PyFloat_AS_DOUBLE(arg);
  else if (PyLong_Check(arg)) {
    x = PyLong_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
      return NULL;
  } else {
    PyErr_SetString(PyExc_TypeError, "float, int, or long");
    return NULL;
  }
  return PyFloat_FromDouble(x * x + 1);
}

/* The same, but an int counts one more than its float: no core. */
static PyObject *dbl_int_differs(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_Check(arg))
    x = PyFloat_AsDouble(arg);
  else if (PyLong_Check(arg)) {
    x = PyLong_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
      return NULL;
    x += 1;
  } else {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return NULL;
  }
  return PyFloat_FromDouble(x);
}

static PyObject *truth_not(PyObject *self, PyObject *arg) {
  int t = PyObject_IsTrue(arg);
  if (t < 0)
    return NULL;
  return PyBool_FromLong(!t);
}

/* Returns None: the core is void. It only checks that arg is a C long. */
static PyObject *check_long(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *is_even(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n % 2 == 0)
    Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

/* Several Py_RETURN_TRUE/FALSE, one inside a loop. An int keeps the loop short
 * (at most 46341 steps) for the many inputs the tests try. */
static PyObject *is_prime(PyObject *self, PyObject *arg) {
  int n = _PyLong_AsInt(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 2)
    Py_RETURN_FALSE;
  for (unsigned d = 2; d * d <= (unsigned)n; d++)
    if ((unsigned)n % d == 0)
      Py_RETURN_FALSE;
  Py_RETURN_TRUE;
}

/* Boxes the unboxed value unchanged: the core is the identity. */
static PyObject *long_identity(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n);
}

/* ---- METH_O boxing through Py_BuildValue with one scalar ------------------ */

static PyObject *bv_long(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("l", (long)((unsigned long)n ^ 0x55));
}

static PyObject *bv_double(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("d", x / 3.0);
}

static PyObject *bv_int(PyObject *self, PyObject *arg) {
  int x = _PyLong_AsInt(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("i", (int)((unsigned)x - 7u));
}

static PyObject *bv_ssize(PyObject *self, PyObject *arg) {
  Py_ssize_t n = PyLong_AsSsize_t(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("n", n >> 1);
}

/* hexhamming's answer: a new reference to True or False, not a box. */
static PyObject *bv_within(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < -3 || n > 3)
    return Py_BuildValue("O", Py_False);
  return Py_BuildValue("O", Py_True);
}

/* ---- METH_FASTCALL --------------------------------------------------------- */

static PyObject *fc_mix(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "fc_mix expected 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a * 31 + (unsigned long)b));
}

/* ---- METH_VARARGS + PyArg_ParseTuple, one numeric format code each --------- */

static PyObject *va_add(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:add", &a, &b))
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a + (unsigned long)b));
}

static PyObject *va_hypot2(PyObject *self, PyObject *args) {
  double a, b;
  if (!PyArg_ParseTuple(args, "dd:hypot2", &a, &b))
    return NULL;
  return PyFloat_FromDouble(a * a + b * b);
}

static PyObject *va_int(PyObject *self, PyObject *args) {
  int x;
  if (!PyArg_ParseTuple(args, "i", &x))
    return NULL;
  return PyLong_FromLong(x / 2);
}

static PyObject *va_longlong(PyObject *self, PyObject *args) {
  long long x;
  if (!PyArg_ParseTuple(args, "L;va_longlong wants one int", &x))
    return NULL;
  return PyLong_FromLongLong((long long)((unsigned long long)x - 1));
}

static PyObject *va_ull_mask(PyObject *self, PyObject *args) {
  unsigned long long x;
  if (!PyArg_ParseTuple(args, "K:va_ull_mask", &x))
    return NULL;
  return PyLong_FromUnsignedLongLong(x & 0xFFFFFFFF0000FFFFULL);
}

static PyObject *va_ul_shift(PyObject *self, PyObject *args) {
  unsigned long x;
  if (!PyArg_ParseTuple(args, "k", &x))
    return NULL;
  return PyLong_FromUnsignedLong(x >> 3);
}

static PyObject *va_ssize(PyObject *self, PyObject *args) {
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "n:va_ssize", &n))
    return NULL;
  return PyLong_FromSsize_t((Py_ssize_t)((size_t)n + 100));
}

/* The format in a variable the module never writes (python-isal's). */
static char *va_format_variable_format = "ll:va_format_variable";
static PyObject *va_format_variable(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, va_format_variable_format, &a, &b))
    return NULL;
  return PyLong_FromLong(a * 3 - b);
}

static PyObject *va_short(PyObject *self, PyObject *args) {
  short s;
  if (!PyArg_ParseTuple(args, "h", &s))
    return NULL;
  return PyLong_FromLong(2L * s);
}

static PyObject *va_ushort(PyObject *self, PyObject *args) {
  unsigned short h;
  if (!PyArg_ParseTuple(args, "H;an unsigned short, please", &h))
    return NULL;
  return PyLong_FromLong(0xFFFF - (long)h);
}

static PyObject *va_uchar(PyObject *self, PyObject *args) {
  unsigned char b;
  if (!PyArg_ParseTuple(args, "b:va_uchar", &b))
    return NULL;
  return PyLong_FromLong(b + 1);
}

static PyObject *va_uint(PyObject *self, PyObject *args) {
  unsigned int x;
  if (!PyArg_ParseTuple(args, "I", &x))
    return NULL;
  return PyLong_FromUnsignedLong((x << 8) | (x >> 24));
}

static PyObject *va_float(PyObject *self, PyObject *args) {
  float f;
  if (!PyArg_ParseTuple(args, "f:va_float", &f))
    return NULL;
  return PyFloat_FromDouble(f / 2);
}

static PyObject *va_pred(PyObject *self, PyObject *args) {
  int p;
  if (!PyArg_ParseTuple(args, "p", &p))
    return NULL;
  return PyBool_FromLong(!p);
}

/* ---- Refused: each needs what a core cannot have --------------------------- */

/* Reads self (the module object). */
static PyObject *uses_self(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n == 0 ? 0 : PyModule_Check(self));
}

/* Returns the argument object itself: nothing to box. */
static PyObject *identity(PyObject *self, PyObject *arg) {
  Py_INCREF(arg);
  return arg;
}

/* Raises from its own code (not from unboxing). */
static PyObject *raises_negative(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "raises_negative: negative input");
    return NULL;
  }
  return PyLong_FromLong(n);
}

/* Needs the interpreter on its normal path. */
static PyObject *repr_of(PyObject *self, PyObject *arg) {
  return PyObject_Repr(arg);
}

/* Boxes two scalars into a tuple: the core stores them through pointers. */
static PyObject *pair(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:pair", &a, &b))
    return NULL;
  return Py_BuildValue("(ll)", b, a);
}

static PyObject *kw_add(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  long a, b;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "ll:kw_add", kwlist, &a, &b))
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a + (unsigned long)b));
}

/* Optional arguments after '|', by position or by keyword: an omitted one
 * keeps the value stored before the parse (its default in the record). */
static PyObject *kw_affine(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", "shift", NULL};
  double x, scale = 2.0;
  long shift = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|dl:kw_affine", kwlist, &x, &scale, &shift))
    return NULL;
  return PyFloat_FromDouble(x * scale + (double)shift);
}

/* '$': scale is keyword-only, given by name or omitted (then 2.0). */
static PyObject *kw_scale_only(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  double x, scale = 2.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|$d:kw_scale_only", kwlist, &x, &scale))
    return NULL;
  return PyFloat_FromDouble(x * scale);
}

/* Refused: it looks at its keywords dict, so f(1, b=2) is -1 and f(1, 2) is
 * 3, and so is f(1, 2, **{}), which passes an empty dict where f(1, 2) passes
 * NULL: no caller of a core could tell those two apart. */
static PyObject *kw_tells_keywords(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  long a, b = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|l:kw_tells_keywords", kwlist, &a, &b))
    return NULL;
  if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)
    return PyLong_FromLong(-1);
  return PyLong_FromLong((long)((unsigned long)a + (unsigned long)b));
}

/* A call by name is not the positional call to this one: f(1, b=2) passes a
 * tuple of one item. The core is the positional calls' only. */
static PyObject *kw_tells_count(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  long a, b = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|l:kw_tells_count", kwlist, &a, &b))
    return NULL;
  if (PyTuple_GET_SIZE(args) > 1)
    return PyLong_FromLong((long)((unsigned long)a + (unsigned long)b));
  return PyLong_FromLong((long)((unsigned long)a - (unsigned long)b));
}

/* Declares fewer parameters than its convention passes, as old extensions
 * do: without its tuple it takes any arguments and ignores them (the core
 * is the call without any); without its keywords it ignores them. */
static PyObject *va_self_only(PyObject *self) { return PyLong_FromLong(4096); }

static PyObject *kw_undeclared(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:kw_undeclared", &a, &b))
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a * 3u + (unsigned long)b));
}

/* Argument Clinic's positional-only optional argument (skip_optional). */
static PyObject *fc_opt(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long a, b = 10;
  if (!_PyArg_CheckPositional("fc_opt", nargs, 1, 2))
    return NULL;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip_optional;
  b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
skip_optional:
  return PyLong_FromLong((long)((unsigned long)a * 3u + (unsigned long)b));
}

/* "es" gives a copy the wrapper must free: no string kind (those of "s",
 * "s#", "y", "y#", "z", "z#" are strings.c's). */
static PyObject *str_len(PyObject *self, PyObject *args) {
  char *s;
  if (!PyArg_ParseTuple(args, "es:str_len", "utf-8", &s))
    return NULL;
  Py_ssize_t n = (Py_ssize_t)strlen(s);
  PyMem_Free(s);
  return PyLong_FromSsize_t(n);
}

/* Unboxes arg, then also hands the object to the interpreter. */
static PyObject *unbox_and_hash(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  Py_hash_t h = PyObject_Hash(arg);
  if (h == -1)
    return NULL;
  return PyLong_FromLong((long)((unsigned long)n ^ (unsigned long)h));
}


/* ---- Raising: the core bails where the wrapper raises ---------------------- */

/* Division by zero: ZeroDivisionError from a METH_VARARGS parse. */
static PyObject *safe_div(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:safe_div", &a, &b))
    return NULL;
  if (b == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "integer division by zero");
    return NULL;
  }
  if (a == LONG_MIN && b == -1) {
    PyErr_SetString(PyExc_OverflowError, "safe_div: result does not fit a C long");
    return NULL;
  }
  return PyLong_FromLong(a / b);
}

/* A range check with a formatted message. */
static PyObject *to_byte(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0 || n > 255) {
    PyErr_Format(PyExc_OverflowError, "to_byte: %ld is out of range", n);
    return NULL;
  }
  return PyLong_FromLong(n);
}

/* CPython's math_1 pattern: a helper that takes the libm function by pointer
   and checks errno and the result. */
static PyObject *libm_1(PyObject *arg, double (*func)(double)) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  errno = 0;
  double r = func(x);
  if (isnan(r) && !isnan(x)) {
    PyErr_SetString(PyExc_ValueError, "math domain error");
    return NULL;
  }
  if (isinf(r) && isfinite(x)) {
    PyErr_SetString(PyExc_OverflowError, "math range error");
    return NULL;
  }
  if (errno == EDOM) {
    PyErr_SetString(PyExc_ValueError, "math domain error");
    return NULL;
  }
  return PyFloat_FromDouble(r);
}

static PyObject *m_sqrt(PyObject *self, PyObject *arg) { return libm_1(arg, sqrt); }
static PyObject *m_log(PyObject *self, PyObject *arg) { return libm_1(arg, log); }
static PyObject *m_exp(PyObject *self, PyObject *arg) { return libm_1(arg, exp); }

static long last_checked;

/* Changes state before it may raise: a bail would do that twice, so its core
   raises itself (CPython's convention) and needs the GIL. */
static PyObject *remember_then_check(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last_checked = n;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "remember_then_check: negative input");
    return NULL;
  }
  return PyLong_FromLong(n / 2);
}


/* --- With the interpreter: objects of the function's own, module state, and
 * the results CPython checks after every builtin (_Py_CheckFunctionResult).
 * Their cores run with the GIL (pyerr) and check their results as CPython
 * does; PyPy's spelling gets no such core. */

static PyObject *registry; /* a dict, made at import */

static PyObject *count_up(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *list = PyList_New(0);
  if (!list)
    return NULL;
  for (long k = 0; k < (n & 7); k++) {
    PyObject *item = PyLong_FromLong(k);
    if (!item || PyList_Append(list, item) < 0) {
      Py_XDECREF(item);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(item);
  }
  Py_ssize_t size = PyList_GET_SIZE(list);
  Py_DECREF(list);
  return PyLong_FromSsize_t(size + (n >> 4));
}

static PyObject *note_none(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (PyDict_SetItem(registry, Py_None, n < 0 ? Py_True : Py_False) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *null_without_raise(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  Py_ssize_t size = PyDict_Size(registry);
  if (n < -1000)
    return NULL; /* the bug CPython reports as a SystemError */
  return PyLong_FromLong((n >> 8) + (long)size);
}

static PyObject *value_with_error(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n > 1000)
    PyErr_SetString(PyExc_ValueError, "value_with_error: large"); /* and no NULL */
  return PyBool_FromLong(PyDict_Size(registry) + (n & 1));
}


/* A module's exported helper named like the C API (posix's _PyLong_FromUid):
 * -1 boxed signed, any other id unsigned; one long in the core. */
PyObject *_PyLong_FromShapesId(unsigned int id) {
  if (id == (unsigned int)-1)
    return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(id);
}

static PyObject *owner_id(PyObject *self, PyObject *arg) {
  int v = _PyLong_AsInt(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return _PyLong_FromShapesId((unsigned int)v);
}

/* posix's _Py_Uid_Converter: PyLong_AsLongAndOverflow, and past LONG_MAX a
 * second unboxing as unsigned long; in a core (a long) the flag is 0. */
static PyObject *id_in_range(PyObject *self, PyObject *arg) {
  int overflow;
  long v = PyLong_AsLongAndOverflow(arg, &overflow);
  if (overflow > 0) {
    unsigned long u = PyLong_AsUnsignedLong(arg);
    if (u == (unsigned long)-1 && PyErr_Occurred())
      return NULL;
    return PyLong_FromLong((long)(u % 1000));
  }
  if (overflow < 0 || v < -1 || v > 0xffffffffL) {
    PyErr_SetString(PyExc_OverflowError, "id_in_range: out of range");
    return NULL;
  }
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 3);
}

/* Checks for an int first, as hand-written code often does. */
static PyObject *int_checked(PyObject *self, PyObject *arg) {
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "int_checked: an int, please");
    return NULL;
  }
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x ^ 0x5a5a);
}

/* PyObject_AsFileDescriptor: an int's value, a ValueError when negative. */
static PyObject *fd_next(PyObject *self, PyObject *arg) {
  int fd = PyObject_AsFileDescriptor(arg);
  if (fd < 0)
    return NULL;
  return PyLong_FromLong(fd + 1L);
}

/* The same with the interpreter for an object of its own: the core raises
 * itself, redoing the descriptor's ValueError on the value boxed. */
static PyObject *fd_plus_len(PyObject *self, PyObject *arg) {
  int fd = PyObject_AsFileDescriptor(arg);
  if (fd == -1)
    return NULL;
  PyObject *pair = PyTuple_Pack(2, Py_None, Py_None);
  if (pair == NULL)
    return NULL;
  Py_ssize_t n = PyTuple_Size(pair);
  Py_DECREF(pair);
  return PyLong_FromSsize_t(fd + n);
}

/* Raises in one block and asks PyErr_Occurred() in a later one: after the
 * raise the question is a real call in the core, not a fact. */
static long last_raised;

static PyObject *raise_then_check(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last_raised = n;
  if (n < 0)
    PyErr_SetString(PyExc_ValueError, "raise_then_check: negative");
  if (PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n / 3 + (last_raised & 1));
}

/* A validated setter: a bail core with a void result (the outliner once
 * crashed the compiler on this shape). */
/* Exported, so the store stays: another object could read it. */
int e2e_shapes_level = 0;
static PyObject *set_level(PyObject *self, PyObject *args) {
  int v;
  if (!PyArg_ParseTuple(args, "i:set_level", &v))
    return NULL;
  if (v < 0 || v > 9) {
    PyErr_SetString(PyExc_ValueError, "set_level: level must be in 0..9");
    return NULL;
  }
  e2e_shapes_level = v;
  Py_RETURN_NONE;
}

/* Arguments unboxed in a loop of constant trip count (unrolled in the draft). */
static PyObject *fc_dot3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double v[3];
  int i;
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "fc_dot3 expected 3 arguments");
    return NULL;
  }
  for (i = 0; i < 3; i++) {
    v[i] = PyFloat_AsDouble(args[i]);
    if (v[i] == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble(v[0] * v[1] + v[2]);
}

/* The same up to nargs, after the arity test (nargs is 3 where it passed). */
static PyObject *fc_wsum3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  double s = 0;
  int i;
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "fc_wsum3 expected 3 arguments");
    return NULL;
  }
  for (i = 0; i < nargs; i++) {
    double v = PyFloat_AsDouble(args[i]);
    if (v == -1.0 && PyErr_Occurred())
      return NULL;
    s += (i + 1) * v;
  }
  return PyFloat_FromDouble(s);
}

/* 1 to 3 arguments, all read in one loop (SWIG's default arguments copy
   theirs so): the core is the call of all three, the other two optional
   with no default (Drafting.h's ArityAssumption). */
static PyObject *fc_xor_upto3(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long s = 0x5a;
  Py_ssize_t i;
  if (nargs < 1 || nargs > 3) {
    PyErr_SetString(PyExc_TypeError, "fc_xor_upto3 expected 1 to 3 arguments");
    return NULL;
  }
  for (i = 0; i < nargs; i++) {
    long v = PyLong_AsLong(args[i]);
    if (v == -1 && PyErr_Occurred())
      return NULL;
    s = (long)((unsigned long)s * 31u) ^ v;
  }
  return PyLong_FromLong(s);
}

/* "O" units unboxed by the wrapper itself after the parse; an omitted scale
   stays NULL, and the wrapper uses 2.5 instead. */
static PyObject *obj_scale(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *names[] = {"x", "scale", NULL};
  PyObject *x, *scale = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:obj_scale", names, &x, &scale))
    return NULL;
  double xv = PyFloat_AsDouble(x), sv = 2.5;
  if (xv == -1.0 && PyErr_Occurred())
    return NULL;
  if (scale != NULL) {
    sv = PyFloat_AsDouble(scale);
    if (sv == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble(xv * sv);
}

/* PyArg_UnpackTuple of 1 or 2 objects, each unboxed afterwards; None (the
   variable's start) stands for 10. */
static PyObject *unpack_mul(PyObject *self, PyObject *args) {
  PyObject *a, *b = Py_None;
  long x, y = 10;
  if (!PyArg_UnpackTuple(args, "unpack_mul", 1, 2, &a, &b))
    return NULL;
  x = PyLong_AsLong(a);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (b != Py_None) {
    y = PyLong_AsLong(b);
    if (y == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong((long)((unsigned long)x * (unsigned long)y));
}

/* ---- An entry PyInit rewrites: Python's swapped_entry is swap_after ------ */

static PyObject *swap_before(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

static PyObject *swap_after(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n / 2 - 1);
}

static PyMethodDef shapes_methods[] = {
    /* First: PyInit puts swap_after in its place (the choice of an
       implementation at import). */
    {"swapped_entry", swap_before, METH_O, "swap_after's, once PyInit has run"},
    {"obj_scale", (PyCFunction)(void (*)(void))obj_scale, METH_VARARGS | METH_KEYWORDS,
     "x * scale, scale=2.5, objects unboxed after the parse"},
    {"unpack_mul", unpack_mul, METH_VARARGS, "a * b, b=10, PyArg_UnpackTuple"},
    {"fc_wsum3", (PyCFunction)(void (*)(void))fc_wsum3, METH_FASTCALL, "a + 2b + 3c"},
    {"fc_xor_upto3", (PyCFunction)(void (*)(void))fc_xor_upto3, METH_FASTCALL, "hash of 1-3 ints"},
    {"set_level", set_level, METH_VARARGS, "level = v in 0..9; None"},
    {"fc_dot3", (PyCFunction)(void (*)(void))fc_dot3, METH_FASTCALL, "a * b + c"},
    {"answer", answer, METH_NOARGS, "42"},
    {"answer_short", (PyCFunction)answer_short, METH_NOARGS, "-42"},
    {"answer_checks_arg", answer_checks_arg, METH_NOARGS, "4242"},
    {"inc", inc, METH_O, "n + 1 (long)"},
    {"neg_ll", neg_ll, METH_O, "-x (long long)"},
    {"ssize_twice", ssize_twice, METH_O, "2n (Py_ssize_t)"},
    {"ulong_half", ulong_half, METH_O, "x / 2 (unsigned long)"},
    {"ull_xor", ull_xor, METH_O, "x ^ const (unsigned long long)"},
    {"int_square", int_square, METH_O, "x * x (int in, long out)"},
    {"dbl_affine", dbl_affine, METH_O, "2.5x + 1 (double)"},
    {"dbl_diamond", dbl_diamond, METH_O, "x*x - 0.5, PyFloat_CheckExact fast path"},
    {"dbl_dispatch", dbl_dispatch, METH_O, "3x - 1, a float test and PyLong_AsDouble for ints"},
    {"dbl_read_dispatch", dbl_read_dispatch, METH_O, "x*x + 1, the float's value read directly"},
    {"dbl_int_differs", dbl_int_differs, METH_O, "x, but x + 1 for an int"},
    {"truth_not", truth_not, METH_O, "not x"},
    {"check_long", check_long, METH_O, "None if x is a C long"},
    {"is_even", is_even, METH_O, "Py_RETURN_TRUE/FALSE"},
    {"is_prime", is_prime, METH_O, "Py_RETURN_TRUE/FALSE in a loop"},
    {"long_identity", long_identity, METH_O, "n (long), unchanged"},
    {"bv_long", bv_long, METH_O, "Py_BuildValue(\"l\")"},
    {"bv_double", bv_double, METH_O, "Py_BuildValue(\"d\")"},
    {"bv_int", bv_int, METH_O, "Py_BuildValue(\"i\")"},
    {"bv_ssize", bv_ssize, METH_O, "Py_BuildValue(\"n\")"},
    {"bv_within", bv_within, METH_O, "Py_BuildValue(\"O\", Py_True)"},
    {"fc_mix", (PyCFunction)(void (*)(void))fc_mix, METH_FASTCALL, "31a + b"},
    {"va_add", va_add, METH_VARARGS, "ll"},
    {"va_hypot2", va_hypot2, METH_VARARGS, "dd"},
    {"va_int", va_int, METH_VARARGS, "i"},
    {"va_longlong", va_longlong, METH_VARARGS, "L"},
    {"va_ull_mask", va_ull_mask, METH_VARARGS, "K"},
    {"va_ul_shift", va_ul_shift, METH_VARARGS, "k"},
    {"va_ssize", va_ssize, METH_VARARGS, "n"},
    {"va_format_variable", va_format_variable, METH_VARARGS, "ll, the format in a variable"},
    {"va_short", va_short, METH_VARARGS, "h"},
    {"va_ushort", va_ushort, METH_VARARGS, "H"},
    {"va_uchar", va_uchar, METH_VARARGS, "b"},
    {"va_uint", va_uint, METH_VARARGS, "I"},
    {"va_float", va_float, METH_VARARGS, "f"},
    {"va_pred", va_pred, METH_VARARGS, "p"},
    {"uses_self", uses_self, METH_O, "refused: reads self"},
    {"identity", identity, METH_O, "refused: returns its argument"},
    {"raises_negative", raises_negative, METH_O, "refused: raises on its own"},
    {"repr_of", repr_of, METH_O, "refused: calls PyObject_Repr"},
    {"pair", pair, METH_VARARGS, "a tuple of two scalars, through pointers"},
    {"kw_add", (PyCFunction)(void (*)(void))kw_add, METH_VARARGS | METH_KEYWORDS,
     "refused: keywords"},
    {"kw_affine", (PyCFunction)(void (*)(void))kw_affine, METH_VARARGS | METH_KEYWORDS,
     "x * scale + shift, scale=2.0, shift=1"},
    {"kw_scale_only", (PyCFunction)(void (*)(void))kw_scale_only, METH_VARARGS | METH_KEYWORDS,
     "x * scale, scale keyword-only, 2.0"},
    {"kw_tells_keywords", (PyCFunction)(void (*)(void))kw_tells_keywords,
     METH_VARARGS | METH_KEYWORDS, "refused: a + b, b=5; -1 when given keywords"},
    {"kw_tells_count", (PyCFunction)(void (*)(void))kw_tells_count, METH_VARARGS | METH_KEYWORDS,
     "a + b when both are positional, else a - b"},
    {"va_self_only", (PyCFunction)(void (*)(void))va_self_only, METH_VARARGS,
     "4096, whatever the arguments"},
    {"kw_undeclared", (PyCFunction)(void (*)(void))kw_undeclared, METH_VARARGS | METH_KEYWORDS,
     "3a + b, keywords ignored"},
    {"fc_opt", (PyCFunction)(void (*)(void))fc_opt, METH_FASTCALL, "3a + b, b=10"},
    {"str_len", str_len, METH_VARARGS, "refused: format code z"},
    {"unbox_and_hash", unbox_and_hash, METH_O, "refused: object used after unboxing"},
    {"safe_div", safe_div, METH_VARARGS, "a / b, raising on 0"},
    {"to_byte", to_byte, METH_O, "n if 0 <= n <= 255"},
    {"m_sqrt", m_sqrt, METH_O, "sqrt through math_1's pattern"},
    {"m_log", m_log, METH_O, "log through math_1's pattern"},
    {"m_exp", m_exp, METH_O, "exp through math_1's pattern"},
    {"remember_then_check", remember_then_check, METH_O, "n / 2, raising itself after a store"},
    {"raise_then_check", raise_then_check, METH_O, "n / 3 + n % 2, raising below 0"},
    {"owner_id", owner_id, METH_O, "-1, or the int as an unsigned 32-bit id"},
    {"id_in_range", id_in_range, METH_O, "3 * a 32-bit id or -1; past LONG_MAX, mod 1000"},
    {"int_checked", int_checked, METH_O, "an int xor 0x5a5a; a TypeError for others"},
    {"fd_next", fd_next, METH_O, "a descriptor plus one"},
    {"fd_plus_len", fd_plus_len, METH_O, "a descriptor plus the length of a pair"},
    {"count_up", count_up, METH_O, "len(list(range(n & 7))) + (n >> 4)"},
    {"note_none", note_none, METH_O, "registry[None] = n < 0; None"},
    {"null_without_raise", null_without_raise, METH_O, "SystemError below -1000"},
    {"value_with_error", value_with_error, METH_O, "SystemError above 1000"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef shapes_module = {
    PyModuleDef_HEAD_INIT, "e2e_shapes", "pyunbox end-to-end shapes", -1, shapes_methods,
};

PyMODINIT_FUNC PyInit_e2e_shapes(void) {
  registry = PyDict_New();
  if (!registry)
    return NULL;
  shapes_methods[0].ml_meth = swap_after;
  return PyModule_Create(&shapes_module);
}
