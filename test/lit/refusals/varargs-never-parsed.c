// Old code registers a function without arguments as METH_VARARGS and never
// looks at its tuple: the wrapper accepts any arguments and ignores them, so
// no core of it stands for a call. Registered as METH_NOARGS, or with a
// PyArg_ParseTuple(args, "") that checks there are none, it gets a core (that
// uses the interpreter, to read default_level).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'get_default_level': calls 'PyLong_AsLong' on an object that is not an argument; with the interpreter: never parses its argument tuple nor reads its length

// KEY: Name: ArgumentsNotParsed
// KEY: Function: get_default_level

#include "../Inputs/module.h"

static PyObject *default_level; /* an int, set at import */

static PyObject *get_default_level(PyObject *self, PyObject *args) {
  long level = PyLong_AsLong(default_level);
  if (level == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(level);
}

DEFINE_MODULE(m, {"get_default_level", get_default_level, METH_VARARGS, NULL})
