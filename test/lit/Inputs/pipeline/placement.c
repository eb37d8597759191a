/* A core that needs the interpreter calls what its wrapper does not
 * (Py_DecRef of the None it would have returned, PyErr_Occurred for its
 * result check); the wrappers must not move for it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *seen;

static PyObject *note(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (PyList_Append(seen, Py_None) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *twice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * n);
}

static PyMethodDef methods[] = {{"note", note, METH_O, NULL},
                                {"twice", twice, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "placement", NULL, -1, methods};

PyMODINIT_FUNC PyInit_placement(void) {
  seen = PyList_New(0);
  return PyModule_Create(&module);
}
