/* Force-included (-include) when test/e2e/shapes.c is built for PyPy.
 * Python.h comes first here, before the module's own #define
 * PY_SSIZE_T_CLEAN would: so it is defined here, as the modules do. */
#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#if defined(PYPY_VERSION)
__attribute__((visibility("hidden"))) int _PyLong_AsInt(PyObject *obj);
#endif
