/* rt_main: an extension linked into the test program itself (as a builtin
 * module is into python3), so that the main program has records of its own.
 * capi_stubs.c defines the C-API functions it calls; they are never called. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *twice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)n * 2));
}

static PyMethodDef methods[] = {
    {"twice", twice, METH_O, "2n"},
    {NULL, NULL, 0, NULL},
};

const PyMethodDef *pyunbox_test_main_methods(void) { return methods; }
