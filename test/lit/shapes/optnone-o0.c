// At -O0 clang marks every function optnone; the pass still runs, the core is an
// exported symbol of the object and its record is in the pyunbox_sigs section.
// RUN: %clang_pyunbox -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0IR
// RUN: %clang_pyunbox -O0 -c %s -o %t.o
// RUN: %llvm-readelf -s %t.o | FileCheck %s --check-prefix=SYM
// RUN: %dump %t.o | FileCheck %s --check-prefix=DUMP

// O0IR-LABEL: define internal {{.*}}ptr @inc(
// O0IR:       define {{.*}}i64 @pyunbox_core_m_inc(i64 noundef %0) [[ATTRS:#[0-9]+]]
// O0IR-NOT:     {{@_?Py}}
// O0IR:         ret i64
// O0IR:       attributes [[ATTRS]] = { {{.*}}optnone

// SYM: GLOBAL DEFAULT {{.*}} pyunbox_core_m_inc

// DUMP: 1 record
// DUMP: m.inc {{ *}}long pyunbox_core_m_inc(long) {{ *}}METH_O

#include "../Inputs/module.h"

static PyObject *inc(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(n + 1);
}

DEFINE_MODULE(m, {"inc", inc, METH_O, NULL})
