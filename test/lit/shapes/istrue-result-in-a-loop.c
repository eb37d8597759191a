// PyObject_IsTrue's result (0 or 1 in a core: a _Bool widened to int) used
// by a loop and arithmetic that the fact propagation simplifies. Its model of
// "0 or 1" was once an instruction outside any block, and the value tracking
// behind the simplification crashed on it (the generator's module 1000626).
// At -O0 its core keeps the reduced module's empty `if (errno != 0) {}`, a
// read of errno the core has not set: dropped (refusals/reads-errno.c).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,O0 --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK: remark: core for 'f' (METH_O): long long pyunbox_core_m_f(_Bool) [
// O0: remark: no core for 'f' after all: it reads errno before it sets it

#include "../Inputs/module.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static unsigned long state = 5;

static int ndigits(long long v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  return (int)strlen(buf);
}

static PyObject *f(PyObject *self, PyObject *arg) {
  int a = PyObject_IsTrue(arg);
  if (errno != 0) {
  }
  int v = ((int)state) ^ a;
  for (int i = 0; i < (int)((unsigned long)((long)v * 7) % 9u); i++)
    v = v * a;
  return PyLong_FromLongLong((long long)ndigits(v));
}
DEFINE_MODULE(m, {"f", f, METH_O, NULL})
