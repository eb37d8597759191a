// Old code registers a function without arguments as METH_VARARGS and never
// looks at its tuple: the wrapper does the same for every call, so its core
// stands for the call without arguments, as a METH_NOARGS function's does
// (a consumer takes the core only for that call). It once got no core ("no
// unboxer reachable"), while the same function with PyArg_ParseTuple(args,
// ":name") got one.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'get_default_level' (METH_VARARGS): long pyunbox_core_m_get_default_level(void); raises itself, needs the GIL
// CHECK-DAG: remark: core for 'cpu_count' (METH_VARARGS): long pyunbox_core_m_cpu_count(void)
// CHECK-DAG: remark: core for 'cpu_count_kw' (METH_VARARGS): long pyunbox_core_m_cpu_count_kw(void)

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *default_level; /* an int, set at import */

static PyObject *get_default_level(PyObject *self, PyObject *args) {
  long level = PyLong_AsLong(default_level);
  if (level == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(level);
}

static PyObject *cpu_count(PyObject *self, PyObject *args) {
  return PyLong_FromLong(sysconf(_SC_NPROCESSORS_ONLN));
}

static PyObject *cpu_count_kw(PyObject *self, PyObject *args, PyObject *kwargs) {
  return PyLong_FromLong(sysconf(_SC_NPROCESSORS_ONLN));
}

DEFINE_MODULE(m, {"get_default_level", get_default_level, METH_VARARGS, NULL},
              {"cpu_count", cpu_count, METH_VARARGS, NULL},
              {"cpu_count_kw", (PyCFunction)(void (*)(void))cpu_count_kw, METH_VARARGS | METH_KEYWORDS, NULL})

// Keywords that are read: _testcapi's get_kwargs returns them, and f(**{})
// passes an empty dict where f() passes NULL, so the draft's "no keywords"
// (NULL) does not stand for every call without keywords. No core.
static PyObject *get_kwargs(PyObject *self, PyObject *args, PyObject *kwargs) {
  if (kwargs != NULL)
    return Py_NewRef(kwargs);
  Py_RETURN_NONE;
}
static PyMethodDef more[] = {
    {"get_kwargs", (PyCFunction)(void (*)(void))get_kwargs, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};
PyObject *more_methods(void) { return PyCFunction_New(&more[0], NULL); }
// CHECK-DAG: remark: no core for 'get_kwargs': no unboxer or argument parser of a C scalar is reachable from the wrapper
