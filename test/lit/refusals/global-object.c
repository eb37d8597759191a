// A wrapper that reads an object through a global PyObject* (module state) has
// no core: the core would dereference an interpreter object while its record
// says it needs no interpreter (no GIL), racing with whoever replaces or frees
// the object.
// BUG: a core is made (needs_interpreter: no, memory: read) that loads
// scale_obj and reads its ob_fval: reads through a non-Py-named global PyObject*
// are not treated as interpreter state.
// XFAIL: *
// RUN: %clang -O0 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'scaled': {{.+}}

// IR: define internal {{.*}}ptr @scaled(

#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *scale_obj; /* set by the module at import time */

static PyObject *scaled(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n * (long)PyFloat_AS_DOUBLE(scale_obj));
}

static PyMethodDef methods[] = {{"scaled", scaled, METH_O, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
