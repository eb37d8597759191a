// An optional "z" or "z#" whose pointer the wrapper set to NULL before the
// parse (`const char *errors = NULL;`, and for "z#" a length of 0): an
// omitted argument leaves them so, which is what None gives the core, so
// the record has the default: PYUNBOX_PARAM_DEFAULT with 0 on the
// NONE_IS_NULL parameter, "= NULL" in the dump's table, null and
// param_default_is_none in its JSON. Where the pointer was something else
// before the parse (an address), or the length was not 0 (nor set at all),
// the parameter stays optional without a default ("= ?"): such calls take
// the wrapper.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t0.o 2>&1 | FileCheck %s --implicit-check-not="no core"
// RUN: %dump %t0.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t0.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t2.o 2>&1 | FileCheck %s --implicit-check-not="no core"
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC -c %s -o %tp.o
// RUN: %dump %tp.o | FileCheck %s --check-prefix=TABLE

// CHECK-DAG: remark: core for 'encoded' (METH_VARARGS): long pyunbox_core_m_encoded(const char *, const char *) [
// CHECK-DAG: remark: core for 'sized' (METH_VARARGS): long pyunbox_core_m_sized(long, const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'length_unset' (METH_VARARGS): long pyunbox_core_m_length_unset(long, const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'length_one' (METH_VARARGS): long pyunbox_core_m_length_one(long, const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'literal_before' (METH_VARARGS): long pyunbox_core_m_literal_before(long, const char *) [

// TABLE-DAG: m.encoded {{.*}} (_0, _1: also None = NULL, /)
// TABLE-DAG: m.sized {{.*}} (n, tag: also None = NULL)
// TABLE-DAG: m.length_unset {{.*}} (_0, _1: also None = ?, /)
// TABLE-DAG: m.length_one {{.*}} (_0, _1: also None = ?, /)
// TABLE-DAG: m.literal_before {{.*}} (_0, _1: also None = ?, /)

// JSON-DAG: "python_name": "encoded", {{.*}}"param_optional": [false, true], "param_defaults": [null, null], {{.*}}"param_none_is_null": [false, true], "param_default_is_none": [false, true]}
// JSON-DAG: "python_name": "sized", {{.*}}"param_optional": [false, true], "param_defaults": [null, null], {{.*}}"param_none_is_null": [false, true], "param_default_is_none": [false, true]}
// JSON-DAG: "python_name": "length_unset", {{.*}}"param_optional": [false, true], "param_defaults": [null, null], {{.*}}"param_none_is_null": [false, true]}
// JSON-DAG: "python_name": "literal_before", {{.*}}"param_optional": [false, true], "param_defaults": [null, null], {{.*}}"param_none_is_null": [false, true]}

#include "../Inputs/module.h"

static long count(const char *s) {
  long k = 0;
  while (s[k])
    k++;
  return k;
}

static PyObject *encoded(PyObject *self, PyObject *args) {
  const char *s, *errors = NULL;
  if (!PyArg_ParseTuple(args, "s|z:encoded", &s, &errors))
    return NULL;
  return PyLong_FromLong(errors ? count(s) + 1000 * count(errors) : -count(s));
}

static PyObject *sized(PyObject *self, PyObject *args, PyObject *kw) {
  static char *names[] = {"n", "tag", NULL};
  long n;
  const char *t = NULL;
  Py_ssize_t len = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "l|z#:sized", names, &n, &t, &len))
    return NULL;
  return PyLong_FromLong(t ? n + len : -n);
}

// Omitted, the length is whatever the stack held: no default.
static PyObject *length_unset(PyObject *self, PyObject *args) {
  long n;
  const char *t = NULL;
  Py_ssize_t len;
  if (!PyArg_ParseTuple(args, "l|z#", &n, &t, &len))
    return NULL;
  return PyLong_FromLong(t ? n + len : -n);
}

// Omitted, NULL with a length of 1, which None never gives: no default.
static PyObject *length_one(PyObject *self, PyObject *args) {
  long n;
  const char *t = NULL;
  Py_ssize_t len = 1;
  if (!PyArg_ParseTuple(args, "l|z#", &n, &t, &len))
    return NULL;
  return PyLong_FromLong(t ? n : n + len);
}

// Omitted, an address: no default.
static PyObject *literal_before(PyObject *self, PyObject *args) {
  long n;
  const char *t = "abc";
  if (!PyArg_ParseTuple(args, "l|z", &n, &t))
    return NULL;
  return PyLong_FromLong(t ? n + count(t) : -n);
}

DEFINE_MODULE(m, {"encoded", encoded, METH_VARARGS, NULL},
              {"sized", (PyCFunction)(void (*)(void))sized, METH_VARARGS | METH_KEYWORDS, NULL},
              {"length_unset", length_unset, METH_VARARGS, NULL},
              {"length_one", length_one, METH_VARARGS, NULL},
              {"literal_before", literal_before, METH_VARARGS, NULL})
