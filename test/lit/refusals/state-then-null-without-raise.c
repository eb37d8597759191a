// A wrapper that changes module state and then returns NULL without raising
// on some path gets no core: a bail would repeat the change, and a core that
// raises itself could not report that NULL (CPython turns it into SystemError).
// Here the table is no PyModuleDef's, so the core cannot check its result
// as CPython would; shapes/interpreter-null-without-raise.c shows the
// module's case, where it does.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'remember': may raise after changing state that outlives the call ('store'), so a bail would repeat it; raising in the core: returns NULL without raising

// KEY: Name: MayFail
// KEY: Function: remember

#include "../Inputs/module.h"

static long last;

static PyObject *remember(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  last = n;
  if (n < 0)
    return NULL; /* forgot to raise */
  return PyLong_FromLong(n);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"remember", remember, METH_O, NULL})
