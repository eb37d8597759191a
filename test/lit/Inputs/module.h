/* The module around a test's wrappers, so that a test shows only its own
 * functions and its method table entries:
 *
 *   #include "../Inputs/module.h"
 *   static PyObject *inc(PyObject *self, PyObject *arg) { ... }
 *   DEFINE_MODULE(m, {"inc", inc, METH_O, NULL})
 *
 * The module's name is part of every core's symbol (pyunbox_core_m_inc).
 * PY_SSIZE_T_CLEAN is defined, as in most extensions: the parsers are then
 * the _SizeT ones (_PyArg_ParseTuple_SizeT) that remarks name. */
#ifndef PYUNBOX_TEST_MODULE_H
#define PYUNBOX_TEST_MODULE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The entries, then the sentinel, as the PyModuleDef's m_methods: the pass
 * knows the functions as the module's. */
#define DEFINE_MODULE(name, ...)                                                                  \
  static PyMethodDef methods[] = {__VA_ARGS__, {NULL, NULL, 0, NULL}};                            \
  static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, #name, NULL, -1, methods};           \
  PyMODINIT_FUNC PyInit_##name(void) { return PyModule_Create(&module); }

/* The same functions added by PyModule_AddFunctions at import instead: the
 * table is no PyModuleDef's, so the pass does not know the functions'
 * module (nor their repr), and a core cannot check its result as CPython
 * does. */
#define DEFINE_MODULE_ADDING_FUNCTIONS(name, ...)                                                 \
  static PyMethodDef methods[] = {__VA_ARGS__, {NULL, NULL, 0, NULL}};                            \
  static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, #name, NULL, -1, NULL};              \
  PyMODINIT_FUNC PyInit_##name(void) {                                                            \
    PyObject *m = PyModule_Create(&module);                                                       \
    if (m && PyModule_AddFunctions(m, methods) < 0)                                               \
      Py_CLEAR(m);                                                                                \
    return m;                                                                                     \
  }

#endif
