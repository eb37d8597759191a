// Py_BuildValue given a 64-bit integer for a narrower code ("I", "i" read an
// unsigned int and an int with va_arg): on x86-64 and AArch64 every integer
// vararg fills an 8-byte slot and va_arg of a narrower type reads its
// low-order bytes, so the wrapper builds the argument truncated, and the core
// returns that (fastrand's pcg32randint builds "I" from a long). Another
// target (i686 here) gets no cores at all (refusals/unsupported-target.c).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// The same module for other targets: its IR before any pass, retargeted.
// RUN: %clang_pyunbox -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: sed -e 's/^target triple = .*/target triple = "aarch64-unknown-linux-gnu"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.aarch64.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.aarch64.ll 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: sed -e 's/^target triple = .*/target triple = "i686-unknown-linux-gnu"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.i686.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.i686.ll 2>&1 | FileCheck %s --check-prefix=I686 --implicit-check-not=remark:

// REMARK-DAG: remark: {{.*}}core for 'low32' (METH_O): unsigned int pyunbox_core_m_low32(long)
// REMARK-DAG: remark: {{.*}}core for 'low_int' (METH_O): int pyunbox_core_m_low_int(long)
// REMARK-DAG: remark: {{.*}}no core for 'widened': '_Py_BuildValue_SizeT' builds "l", not a single C scalar

// IR-LABEL: define {{.*}}i32 @pyunbox_core_m_low32(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         trunc i64 {{.*}} to i32
// IR:         ret i32

// I686-DAG: remark: {{.*}}no core for 'low32': pyunbox makes cores for 64-bit ELF targets {{.*}}, not 'i686-unknown-linux-gnu'
// I686-DAG: remark: {{.*}}no core for 'low_int': pyunbox makes cores for 64-bit ELF targets {{.*}}, not 'i686-unknown-linux-gnu'
// I686-DAG: remark: {{.*}}no core for 'widened': pyunbox makes cores for 64-bit ELF targets {{.*}}, not 'i686-unknown-linux-gnu'

#include "../Inputs/module.h"

static PyObject *low32(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("I", n + 7);
}

static PyObject *low_int(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("i", n * 3);
}

// The other way, an int where "l" reads a long: the slot's high half is not
// the argument's (nothing says what it holds).
static PyObject *widened(PyObject *self, PyObject *arg) {
  int n = _PyLong_AsInt(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return Py_BuildValue("l", n);
}

DEFINE_MODULE(m, {"low32", low32, METH_O, NULL},
                 {"low_int", low_int, METH_O, NULL},
                 {"widened", widened, METH_O, NULL})
