// METH_FASTCALL with two arguments, of which only the second is unboxed: the
// first has no C type.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'second': argument 1 is never unboxed to a C scalar

// KEY: Name: ArgumentNotUnboxed
// KEY: Function: second

// IR: define internal {{.*}}ptr @second(

#include "../Inputs/module.h"

static PyObject *second(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2)
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(b);
}

DEFINE_MODULE(m, {"second", (PyCFunction)(void (*)(void))second, METH_FASTCALL, NULL})
