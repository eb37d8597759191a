// A METH_NOARGS function defined without its unused argument, `f(PyObject
// *self)` or even `f(void)`, and put in the table through a cast: CPython's
// call passes two arguments, which the C calling convention lets it ignore.
// It is mined as any METH_NOARGS function; self is still self.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// CHECK-DAG: remark: core for 'answer' (METH_NOARGS): long pyunbox_core_m_answer(void)
// CHECK-DAG: remark: core for 'bumped' (METH_NOARGS): long pyunbox_core_m_bumped(void)
// CHECK-DAG: remark: no core for 'whoami': uses self
// CHECK-DAG: remark: no core for 'odd': its IR signature does not match METH_NOARGS

// KEY: Name: UnexpectedSignature
// KEY: Function: odd

#include "../Inputs/module.h"

static long counter;

static PyObject *answer(PyObject *self) { return PyLong_FromLong(42); }

static PyObject *bumped(void) { return PyLong_FromLong(++counter); }

static PyObject *whoami(PyObject *self) {
  Py_INCREF(self);
  return self;
}

static PyObject *odd(long x) { return PyLong_FromLong(x); }

DEFINE_MODULE(m, {"answer", (PyCFunction)answer, METH_NOARGS, NULL},
                 {"bumped", (PyCFunction)bumped, METH_NOARGS, NULL},
                 {"whoami", (PyCFunction)whoami, METH_NOARGS, NULL},
                 {"odd", (PyCFunction)odd, METH_NOARGS, NULL})
