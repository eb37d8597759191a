// The number parsers given no end pointer (strtol(s, NULL, 16), strtoull,
// strtod) read their string and the locale, keep no pointer to it and write
// errno at most: atoi's work, and what -O1 and up make of atoi itself
// (SimplifyLibCalls: atoi(s) -> strtol(s, NULL, 10), whose declaration LLVM
// gives no memory attribute, where clang declares atoi memory(read)). Their
// cores are kept with memory "read" at both levels, and a raise after one
// is a bail (errno is set again by the wrapper). Given an end pointer, a
// pointer into the string is stored: withdrawn (libc-inferred-attributes.c).
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t.o2.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t.o0.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.o0.o | FileCheck %s

// REMARK-DAG: remark: core for 'decimal' (METH_VARARGS): long pyunbox_core_m_decimal(const char *)
// REMARK-DAG: remark: core for 'hex' (METH_VARARGS): long pyunbox_core_m_hex(const char *)
// REMARK-DAG: remark: core for 'any_base' (METH_VARARGS): unsigned long long pyunbox_core_m_any_base(const char *)
// REMARK-DAG: remark: core for 'real' (METH_VARARGS): double pyunbox_core_m_real(const char *)
// REMARK-DAG: remark: core for 'positive' (METH_VARARGS): long pyunbox_core_m_positive(const char *, int *); bails where the wrapper raises
// REMARK-NOT: no core

// CHECK-DAG: "python_name": "decimal", {{.*}}"memory": "read", "errors": "none"
// CHECK-DAG: "python_name": "hex", {{.*}}"memory": "read", "errors": "none"
// CHECK-DAG: "python_name": "any_base", {{.*}}"memory": "read", "errors": "none"
// CHECK-DAG: "python_name": "real", {{.*}}"memory": "read", "errors": "none"
// CHECK-DAG: "python_name": "positive", {{.*}}"memory": "read", "errors": "bail"
#include "../Inputs/module.h"
#include <stdlib.h>

static PyObject *decimal(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromLong(atoi(s));
}

static PyObject *hex(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromLong(strtol(s, NULL, 16));
}

static PyObject *any_base(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromUnsignedLongLong(strtoull(s, NULL, 0));
}

static PyObject *real(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyFloat_FromDouble(strtod(s, NULL));
}

/* ValueError for a number below 1, after the parse. */
static PyObject *positive(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  long v = strtol(s, NULL, 10);
  if (v < 1) {
    PyErr_SetString(PyExc_ValueError, "not positive");
    return NULL;
  }
  return PyLong_FromLong(v);
}

DEFINE_MODULE(m, {"decimal", decimal, METH_VARARGS, NULL}, {"hex", hex, METH_VARARGS, NULL},
              {"any_base", any_base, METH_VARARGS, NULL}, {"real", real, METH_VARARGS, NULL},
              {"positive", positive, METH_VARARGS, NULL})
