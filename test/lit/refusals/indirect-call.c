// A call through a function pointer may reach the interpreter.
// Where the core cannot check its result as CPython would (the table is
// no PyModuleDef's, so the function's repr is unknown), this is a refusal;
// shapes/interpreter-*.c show the module's case.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'wrap': calls through a function pointer, which may reach the interpreter

// KEY: Name: IndirectCall
// KEY: Function: wrap

// IR: define internal {{.*}}ptr @wrap(

#include "../Inputs/module.h"

long (*hook)(long);

static PyObject *wrap(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(hook(n));
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"wrap", wrap, METH_O, NULL})
