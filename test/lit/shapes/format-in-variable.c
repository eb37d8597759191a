// A format kept in a variable (python-isal: `static char *format = ...`,
// and `static char format[] = ...`, an array, which is no C constant
// either): where the module never writes it, every read sees its
// initializer, at -O0 too and before GlobalOpt folds it. A format the
// module writes (the pointer or the array's bytes), one
// another file may write (not static), or one chosen as the wrapper runs is
// no constant string: no core, and the remark names the format, not the
// argument tuple it is handed with.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// CHECK-DAG: remark: core for 'twice' (METH_VARARGS): long pyunbox_core_m_twice(long, long) [
// CHECK-DAG: remark: core for 'named' (METH_VARARGS): long pyunbox_core_m_named(long, long) [
// CHECK-DAG: remark: core for 'const_pointer' (METH_VARARGS): long pyunbox_core_m_const_pointer(long) [
// CHECK-DAG: remark: core for 'seek' (METH_VARARGS): long pyunbox_core_m_seek(Py_ssize_t, Py_ssize_t) [
// CHECK-DAG: remark: no core for 'patched': '{{_?Py(Py)?_?Arg_ParseTuple_SizeT}}' is handed a format that is not a constant string
// CHECK-DAG: remark: no core for 'rewritten': '{{_?Py(Py)?_?Arg_ParseTuple_SizeT}}' is handed a format that is not a constant string
// CHECK-DAG: remark: no core for 'exported': '{{_?Py(Py)?_?Arg_ParseTuple_SizeT}}' is handed a format that is not a constant string
// CHECK-DAG: remark: no core for 'chosen': '{{_?Py(Py)?_?Arg_ParseTuple_SizeT}}' is handed a format that is not a constant string

// RECORD: "python_name": "twice", {{.*}}"param_optional": [false, true], "param_defaults": [null, 0],
// RECORD: "python_name": "named", {{.*}}"param_names": ["x", "y"], {{.*}}"param_optional": [false, true], "param_defaults": [null, 1],
// RECORD: "python_name": "seek", {{.*}}"param_optional": [false, true], "param_defaults": [null, 0],

// KEY: Name: UnsupportedFormat
// KEY: Function: rewritten

#include "../Inputs/module.h"

static char *format = "l|l:twice";
static char *named_format = "l|l:named";
static char *kwlist[] = {"x", "y", NULL};
static const char *const fixed = "l";
static char *later = "l";
char *exported_format = "l";
static char seek_format[] = "n|n:seek";
static char patched_format[] = "l:patched";

static PyObject *twice(PyObject *self, PyObject *args) {
  long x, y = 0;
  if (!PyArg_ParseTuple(args, format, &x, &y))
    return NULL;
  return PyLong_FromLong(2 * x + y);
}

static PyObject *named(PyObject *self, PyObject *args, PyObject *kwargs) {
  long x, y = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, named_format, kwlist, &x, &y))
    return NULL;
  return PyLong_FromLong(x * y);
}

static PyObject *const_pointer(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, fixed, &x))
    return NULL;
  return PyLong_FromLong(x - 1);
}

// PyInit writes it: the wrapper may read "d".
static PyObject *rewritten(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, later, &x))
    return NULL;
  return PyLong_FromLong(x);
}

static PyObject *exported(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, exported_format, &x))
    return NULL;
  return PyLong_FromLong(x);
}

static PyObject *seek(PyObject *self, PyObject *args) {
  Py_ssize_t offset, whence = 0;
  if (!PyArg_ParseTuple(args, seek_format, &offset, &whence))
    return NULL;
  return PyLong_FromLong((long)(offset * 3 + whence));
}

// PyInit writes the array's first byte: the wrapper may read "d".
static PyObject *patched(PyObject *self, PyObject *args) {
  long x;
  if (!PyArg_ParseTuple(args, patched_format, &x))
    return NULL;
  return PyLong_FromLong(x);
}

static PyObject *chosen(PyObject *self, PyObject *args) {
  long x, y = 0;
  if (!PyArg_ParseTuple(args, PyTuple_GET_SIZE(args) > 1 ? "ll" : "l", &x, &y))
    return NULL;
  return PyLong_FromLong(x + y);
}

static PyMethodDef methods[] = {
    {"twice", twice, METH_VARARGS, NULL},
    {"named", (PyCFunction)(void (*)(void))named, METH_VARARGS | METH_KEYWORDS, NULL},
    {"const_pointer", const_pointer, METH_VARARGS, NULL},
    {"rewritten", rewritten, METH_VARARGS, NULL},
    {"exported", exported, METH_VARARGS, NULL},
    {"chosen", chosen, METH_VARARGS, NULL},
    {"seek", seek, METH_VARARGS, NULL},
    {"patched", patched, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) {
  later = "d";
  patched_format[0] = 'd';
  return PyModule_Create(&module);
}
