// Built without -fwrapv, signed overflow is undefined behaviour, and a core
// and its wrapper (optimized apart) may resolve it differently (`-a` of
// INT_MIN in a gcd). The core is still made, with a one-line remark; with
// -fwrapv, as setuptools builds extensions, there is none.
// RUN: %clang_pyunbox -O0 -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOWRAPV
// RUN: %clang_pyunbox -O2 -Rpass-analysis=pyunbox %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOWRAPV
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -fwrapv -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WRAPV --allow-empty

// NOWRAPV: remark: the core for 'gcd' equals its wrapper only where no signed arithmetic overflows: build with -fwrapv, as CPython builds extensions
// WRAPV-NOT: remark:

// KEY: Name: SignedOverflowUndefined
// KEY: Function: gcd

#include "../Inputs/module.h"

static PyObject *gcd(PyObject *self, PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "ii", &a, &b))
    return NULL;
  if (a < 0)
    a = -a;
  if (b < 0)
    b = -b;
  while (b) {
    int t = a % b;
    a = b;
    b = t;
  }
  return PyLong_FromLong(a);
}
DEFINE_MODULE(m, {"gcd", gcd, METH_VARARGS, NULL})
