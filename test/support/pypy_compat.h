/* Force-included (-include) when test/e2e/shapes.c is built for PyPy. */
#include <Python.h>
#if defined(PYPY_VERSION)
__attribute__((visibility("hidden"))) int _PyLong_AsInt(PyObject *obj);
#endif
