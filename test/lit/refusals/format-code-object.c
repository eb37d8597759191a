// PyArg_ParseTuple with "O" (here "Ol"): an object is not a C scalar, even
// next to a numeric code.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'first': '_PyArg_ParseTuple_SizeT' format "Ol" has code 'O', which does not unbox a C scalar

// KEY: Name: UnsupportedFormat
// KEY: Function: first

// IR: define internal {{.*}}ptr @first(

#include "../Inputs/module.h"

static PyObject *first(PyObject *self, PyObject *args) {
  PyObject *o;
  long n;
  if (!PyArg_ParseTuple(args, "Ol", &o, &n))
    return NULL;
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"first", first, METH_VARARGS, NULL})
