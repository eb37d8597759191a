// PyArg_ParseTuple with "s": a string is not a C scalar.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'length': '_PyArg_ParseTuple_SizeT' format "s" has code 's', which does not unbox a C scalar

// KEY: Name: UnsupportedFormat
// KEY: Function: length

// IR: define internal {{.*}}ptr @length(

#include "../Inputs/module.h"

static PyObject *length(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromSize_t(strlen(s));
}

DEFINE_MODULE(m, {"length", length, METH_VARARGS, NULL})
