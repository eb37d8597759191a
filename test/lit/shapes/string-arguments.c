// PyArg_ParseTuple's "s", "s#", "y" and "y#" pass the argument's bytes: the
// core takes a `const char *` (and with '#' its length, a Py_ssize_t, as a
// second C parameter), records kinds UTF8, UTF8_SIZE, BYTES and BYTES_SIZE
// (docs/FORMAT.md, "String kinds"), and reading those bytes is no memory
// effect. A core that calls a helper with them is kept only where LLVM knows
// the helper reads them and keeps no pointer to them: -O2 infers it (strlen,
// strcmp, a static hash), -O0 does not, so there only the cores that read the
// bytes themselves remain (refusals/string-bytes-escape.c has the others).
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t2.o 2>&1 | FileCheck %s --check-prefix=O2 --implicit-check-not="no core"
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t0.o 2>&1 | FileCheck %s --check-prefix=O0
// RUN: %dump --json %t0.o | FileCheck %s --check-prefix=JSON0
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// O2-DAG: remark: core for 'fnv' (METH_VARARGS): unsigned long pyunbox_core_m_fnv(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'seeded' (METH_VARARGS): unsigned long pyunbox_core_m_seeded(const char *, Py_ssize_t, unsigned long)
// O2-DAG: remark: core for 'length' (METH_VARARGS): Py_ssize_t pyunbox_core_m_length(const char *)
// O2-DAG: remark: core for 'count' (METH_VARARGS): long pyunbox_core_m_count(const char *, Py_ssize_t, int)
// O2-DAG: remark: core for 'first' (METH_VARARGS): long pyunbox_core_m_first(const char *)
// O2-DAG: remark: core for 'mode' (METH_VARARGS): long pyunbox_core_m_mode(const char *, int *); bails where the wrapper raises
// O2-DAG: remark: core for 'repeat' (METH_VARARGS): Py_ssize_t pyunbox_core_m_repeat(const char *, Py_ssize_t, int)

// TABLE-DAG: m.seeded {{.*}} none {{.*}} (_0, _1=7, /)
// TABLE-DAG: m.repeat {{.*}} none {{.*}} (data, times=1)
// JSON-DAG: "python_name": "fnv", {{.*}}"param_types": ["const char *, Py_ssize_t"], {{.*}}"memory": "none", {{.*}}"param_kinds": [16]
// JSON-DAG: "python_name": "length", {{.*}}"param_types": ["const char *"], {{.*}}"memory": "none", {{.*}}"param_kinds": [15]
// JSON-DAG: "python_name": "count", {{.*}}"memory": "none", {{.*}}"param_kinds": [18, 5]
// JSON-DAG: "python_name": "first", {{.*}}"memory": "none", {{.*}}"param_kinds": [17]
// JSON-DAG: "python_name": "repeat", {{.*}}"param_optional": [false, true], "param_defaults": [null, 1]

// -O0: the cores that read the bytes in their own body.
// O0-DAG: remark: no core for 'fnv' after all: it passes a pointer to argument 1's bytes to a call of 'fnv_bytes', which LLVM does not know to only read them and keep no pointer to them
// O0-DAG: remark: no core for 'length' after all: it passes a pointer to argument 1's bytes to a call of 'strlen'
// JSON0-DAG: "python_name": "count", {{.*}}"memory": "none"
// JSON0-DAG: "python_name": "first", {{.*}}"memory": "none"

// The bytes are the caller's, never NULL; the wrapper is unchanged.
// IR-DAG: define {{.*}}i64 @pyunbox_core_m_fnv(ptr {{.*}}nonnull{{.*}}, i64 noundef %{{.*}})
// IR-DAG: define internal {{.*}}ptr @fnv(

#include "../Inputs/module.h"
#include <string.h>

static unsigned long fnv_bytes(const char *p, Py_ssize_t n) {
  unsigned long h = 1469598103934665603UL;
  for (Py_ssize_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211UL;
  }
  return h;
}

static PyObject *fnv(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(s, n));
}

static PyObject *seeded(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  unsigned long seed = 7;
  if (!PyArg_ParseTuple(args, "s#|k", &s, &n, &seed))
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(s, n) ^ seed);
}

static PyObject *length(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromSsize_t((Py_ssize_t)strlen(s));
}

static PyObject *count(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  int c;
  if (!PyArg_ParseTuple(args, "y#i", &s, &n, &c))
    return NULL;
  long k = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    k += (unsigned char)s[i] == c;
  return PyLong_FromLong(k);
}

static PyObject *first(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "y", &s))
    return NULL;
  return PyLong_FromLong((unsigned char)s[0]);
}

static PyObject *mode(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  if (strcmp(s, "fast") == 0)
    return PyLong_FromLong(1);
  if (strcmp(s, "slow") == 0)
    return PyLong_FromLong(2);
  PyErr_SetString(PyExc_ValueError, "unknown mode");
  return NULL;
}

static PyObject *repeat(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *names[] = {"data", "times", NULL};
  const char *s;
  Py_ssize_t n;
  int times = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "s#|i", names, &s, &n, &times))
    return NULL;
  return PyLong_FromSsize_t(n * times);
}

DEFINE_MODULE(m, {"fnv", fnv, METH_VARARGS, NULL}, {"seeded", seeded, METH_VARARGS, NULL},
              {"length", length, METH_VARARGS, NULL}, {"count", count, METH_VARARGS, NULL},
              {"first", first, METH_VARARGS, NULL}, {"mode", mode, METH_VARARGS, NULL},
              {"repeat", (PyCFunction)(void (*)(void))repeat, METH_VARARGS | METH_KEYWORDS, NULL})
