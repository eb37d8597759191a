// Py_BuildValue("(ll)", ...) builds a tuple, not a single C scalar.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'divmod': '_Py_BuildValue_SizeT' builds "(ll)", not a single C scalar

// IR: define internal {{.*}}ptr @divmod_(

#include "../Inputs/module.h"

static PyObject *divmod_(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return Py_BuildValue("(ll)", a / b, a % b);
}

DEFINE_MODULE(m, {"divmod", divmod_, METH_VARARGS, NULL})
