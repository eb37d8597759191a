/* A wrapper whose work is in another file (helpers.c's mix_bits) and whose
 * argument goes through a helper of its own that holds a reference to it:
 * a file's pre-link pipeline inlines the helper, and Py_DECREF with it (a
 * test of the count and a call of _Py_Dealloc on the argument), before the
 * link mines the wrapper again. lto-pristine.test. */
#include <Python.h>

long mix_bits(long x);

static long held_long(PyObject *o) {
  Py_INCREF(o);
  long v = PyLong_AsLong(o);
  Py_DECREF(o);
  return v;
}

static PyObject *mixed(PyObject *self, PyObject *arg) {
  long v = held_long(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(mix_bits(v));
}

static PyMethodDef methods[] = {{"mixed", mixed, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "inlined", NULL, -1, methods};
PyMODINIT_FUNC PyInit_inlined(void) { return PyModule_Create(&def); }
