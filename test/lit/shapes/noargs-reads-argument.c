// A METH_NOARGS wrapper that reads its unused argument, which CPython's call
// and PyPy's always pass as NULL: `assert(args == NULL)` without -DNDEBUG
// (python-systemd's way), a test that raises, or a plain read. The core
// stands for those calls, so it reads the constant NULL: the test folds, the
// assert's failure and the raise are not the core's.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefixes=IR,IR2
// RUN: %clang_pyunbox -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// CHECK-DAG: remark: core for 'peek' (METH_NOARGS): long pyunbox_core_m_peek(void)
// CHECK-DAG: remark: core for 'asserted' (METH_NOARGS): long pyunbox_core_m_asserted(void)
// CHECK-DAG: remark: core for 'checked' (METH_NOARGS): long pyunbox_core_m_checked(void)
// CHECK-DAG: remark: no core for 'returned': returns an object that is not a boxed C scalar

// The read is the constant: peek's core returns 1 (folded at -O2), and
// asserted's core has no call of the assert's failure.
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_peek()
// IR2-NEXT: ret i64 1
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_asserted()
// IR-NOT: __assert_fail
// IR: ret i64
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_checked()

#undef NDEBUG
#include <assert.h>

#include "../Inputs/module.h"

static PyObject *peek(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(unused == NULL);
}

static PyObject *asserted(PyObject *self, PyObject *args) {
  assert(args == NULL);
  return PyLong_FromLong(7);
}

static PyObject *checked(PyObject *self, PyObject *args) {
  if (args) {
    PyErr_SetString(PyExc_TypeError, "takes no arguments");
    return NULL;
  }
  return PyLong_FromLong(-3);
}

// Returning it returns NULL without an exception: no result a core can
// stand for.
static PyObject *returned(PyObject *self, PyObject *args) {
  return args;
}

DEFINE_MODULE(m, {"peek", peek, METH_NOARGS, NULL},
                 {"asserted", asserted, METH_NOARGS, NULL},
                 {"checked", checked, METH_NOARGS, NULL},
                 {"returned", returned, METH_NOARGS, NULL})
