// A METH_O function that ignores its argument (a callback's signature): no
// unboxer or parser is reachable, so the pass refuses before drafting it.
// refusals/argument-not-unboxed.c has the same key from the analysis.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'on_reset': no unboxer or argument parser of a C scalar is reachable from the wrapper

// KEY: Name: ArgumentNotUnboxed
// KEY: Function: on_reset

#include "../Inputs/module.h"

static long resets;

static PyObject *on_reset(PyObject *self, PyObject *event) {
  return PyLong_FromLong(++resets);
}

DEFINE_MODULE(m, {"on_reset", on_reset, METH_O, NULL})
