/* A module with types whose methods ignore self (they get cores), for
 * test_core.py's methods test: pyunbox.core finds a method's core from the
 * method object, unbound (Type.meth) or bound (obj.meth), by the type its
 * record names. Box (a static type) and Gauge (made from a PyType_Spec)
 * both have a "twice", and so has the module: each call reaches its own. */
#include <Python.h>
typedef struct { PyObject_HEAD } Box;
static PyObject *scaled(PyObject *arg, long by) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  return PyLong_FromLong(by * n);
}
static PyObject *box_twice(PyObject *self, PyObject *arg) { return scaled(arg, 2); }
static PyObject *box_half(PyObject *cls, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred()) return NULL;
  return PyFloat_FromDouble(x / 2);
}
static PyMethodDef box_methods[] = {{"twice", box_twice, METH_O, NULL},
  {"half", box_half, METH_O | METH_STATIC, NULL}, {NULL, NULL, 0, NULL}};
static PyTypeObject BoxType = {PyVarObject_HEAD_INIT(NULL, 0) .tp_name = "type_methods.Box",
  .tp_basicsize = sizeof(Box), .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
  .tp_new = PyType_GenericNew, .tp_methods = box_methods};
static PyObject *gauge_twice(PyObject *self, PyObject *arg) { return scaled(arg, 3); }
static PyMethodDef gauge_methods[] = {{"twice", gauge_twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyType_Slot gauge_slots[] = {{Py_tp_methods, gauge_methods},
  {Py_tp_new, PyType_GenericNew}, {0, NULL}};
static PyType_Spec gauge_spec = {"type_methods.Gauge", sizeof(Box), 0, Py_TPFLAGS_DEFAULT,
  gauge_slots};
static PyObject *twice(PyObject *self, PyObject *arg) { return scaled(arg, 4); }
static PyObject *thrice(PyObject *self, PyObject *arg) { return scaled(arg, 3); }
static PyMethodDef methods[] = {{"thrice", thrice, METH_O, NULL}, {"twice", twice, METH_O, NULL},
  {NULL, NULL, 0, NULL}};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "type_methods", NULL, -1, methods};
PyMODINIT_FUNC PyInit_type_methods(void) {
  if (PyType_Ready(&BoxType) < 0) return NULL;
  PyObject *m = PyModule_Create(&mod);
  if (!m) return NULL;
  Py_INCREF(&BoxType);
  if (PyModule_AddObject(m, "Box", (PyObject *)&BoxType) < 0) return NULL;
  PyObject *gauge = PyType_FromSpec(&gauge_spec);
  if (!gauge || PyModule_AddObject(m, "Gauge", gauge) < 0) return NULL;
  return m;
}
