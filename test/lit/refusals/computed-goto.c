// A dispatch through a table of labels (GNU C's computed goto, as in small
// bytecode interpreters) is an indirectbr, control flow the pass does not
// model.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'apply': has control flow the pass does not model ('indirectbr')

// KEY: Name: UnsupportedControlFlow
// KEY: Function: apply

#include "../Inputs/module.h"

/* apply(op, x): negate, double, square or keep x. */
static PyObject *apply(PyObject *self, PyObject *args) {
  static void *const ops[] = {&&negate, &&twice, &&square, &&keep};
  long op, x;
  if (!PyArg_ParseTuple(args, "ll", &op, &x))
    return NULL;
  goto *ops[op & 3];
negate:
  return PyLong_FromLong(-x);
twice:
  return PyLong_FromLong(2 * x);
square:
  return PyLong_FromLong(x * x);
keep:
  return PyLong_FromLong(x);
}

DEFINE_MODULE(m, {"apply", apply, METH_VARARGS, NULL})
