/* What CPython's C API has and PyPy's cpyext lacks, for building
 * test/e2e/shapes.c unchanged for PyPy. Compiled as its own translation unit
 * and force-included (-include) as a declaration, so that the pass sees the
 * call to _PyLong_AsInt it knows, with CPython 3.11's exact behaviour. */
#ifndef PYUNBOX_PYPY_COMPAT_DECL_ONLY
#include <Python.h>
#include <limits.h>

__attribute__((visibility("hidden"))) int _PyLong_AsInt(PyObject *obj) {
  int overflow;
  long result = PyLong_AsLongAndOverflow(obj, &overflow);
  if (overflow || result > INT_MAX || result < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  return (int)result;
}
#endif
