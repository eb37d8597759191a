/* A second extension, to check that each .so sees only its own records. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *seven(PyObject *self, PyObject *unused) { return PyLong_FromLong(7); }

static PyMethodDef methods[] = {{"seven", seven, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "other", NULL, -1, methods};
PyMODINIT_FUNC PyInit_other(void) { return PyModule_Create(&module); }
