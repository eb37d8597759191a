// A method of a heap type that receives its defining class (METH_METHOD,
// PEP 573) to reach its module's state: not mined.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'scaled': METH_METHOD wrappers receive their defining class; not mined

// KEY: Name: DefiningClass
// KEY: Function: scaled

#include "../Inputs/module.h"

static PyObject *scaled(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) {
  if (nargs != 1 || kwnames != NULL) {
    PyErr_SetString(PyExc_TypeError, "scaled() takes one positional argument");
    return NULL;
  }
  long *factor = PyType_GetModuleState(cls);
  long k = PyLong_AsLong(args[0]);
  if (k == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(*factor * k);
}

static PyMethodDef scaler_methods[] = {
    {"scaled", (PyCFunction)(void (*)(void))scaled, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};
static PyType_Slot scaler_slots[] = {{Py_tp_methods, scaler_methods}, {0, NULL}};
static PyType_Spec scaler_spec = {"m.Scaler", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, scaler_slots};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, sizeof(long), NULL};
PyMODINIT_FUNC PyInit_m(void) {
  PyObject *m = PyModule_Create(&module);
  if (m && PyModule_AddType(m, (PyTypeObject *)PyType_FromModuleAndSpec(m, &scaler_spec, NULL)) < 0)
    Py_CLEAR(m);
  return m;
}
