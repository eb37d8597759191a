// A module whose PyModuleDef gets its name at import (m_name set in its
// PyInit_ function, as projects that build several modules from one source
// do): the records and the core's symbol take the name from PyInit_fast,
// the name the interpreter imports it by, never an empty one or the table's
// symbol. Without a PyInit_ function, the file's name would be used.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t/m.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t/m.o | FileCheck %s --check-prefix=RECORD
// RUN: sed 's/PyInit_fast/init_module/' %s > %t/renamed.c
// RUN: %clang_pyunbox -O2 %remarks -I%S -c %t/renamed.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=FILE

// REMARK: remark: core for 'twice' (METH_O): long pyunbox_core_fast_twice(long)
// RECORD: "module": "fast"
// FILE: remark: core for 'twice' (METH_O): long pyunbox_core_renamed_twice(long)

#include <Python.h>

static PyObject *twice(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 2);
}

static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, NULL, NULL, -1, methods};

PyMODINIT_FUNC PyInit_fast(void) {
  module.m_name = "fast";
  return PyModule_Create(&module);
}
