/* A module with a type whose method ignores self (it gets a core), for
 * test_core.py's methods test: pyunbox.core finds a method's core from the
 * method object, unbound (Type.meth) or bound (obj.meth). */
#include <Python.h>
typedef struct { PyObject_HEAD } Box;
static PyObject *box_twice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  return PyLong_FromLong(2 * n);
}
static PyMethodDef box_methods[] = {{"twice", box_twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyTypeObject BoxType = {PyVarObject_HEAD_INIT(NULL, 0) .tp_name = "type_methods.Box",
  .tp_basicsize = sizeof(Box), .tp_flags = Py_TPFLAGS_DEFAULT, .tp_new = PyType_GenericNew,
  .tp_methods = box_methods};
static PyObject *thrice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  return PyLong_FromLong(3 * n);
}
static PyMethodDef methods[] = {{"thrice", thrice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "type_methods", NULL, -1, methods};
PyMODINIT_FUNC PyInit_type_methods(void) {
  if (PyType_Ready(&BoxType) < 0) return NULL;
  PyObject *m = PyModule_Create(&mod);
  Py_INCREF(&BoxType); if (m && PyModule_AddObject(m, "Box", (PyObject *)&BoxType) < 0) return NULL;
  return m;
}
