/* The module's table and init; its functions are defined in bodies.c. */
#include <Python.h>

PyObject *lto_twice(PyObject *self, PyObject *arg);
PyObject *lto_half(PyObject *self, PyObject *arg);

static PyMethodDef methods[] = {{"twice", lto_twice, METH_O, NULL},
                                {"half", lto_half, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "ltomod", NULL, -1, methods};

PyMODINIT_FUNC PyInit_ltomod(void) { return PyModule_Create(&def); }
