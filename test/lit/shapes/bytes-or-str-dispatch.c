// A bytes or a str for the same bytes, each read by hand (mmh3's hash,
// siphashc's helper: test/e2e/strings.c's text_hash and keyed_text, whose
// kinds string-arguments.c checks): PyBytes_AS_STRING and PyBytes_Size (or
// PyBytes_AsStringAndSize) of a bytes, PyUnicode_AsUTF8AndSize of a str. The
// core takes the bytes' way; where the str's way is proven to do with its
// UTF-8 and their length what the bytes' way does with a bytes' bytes and
// count (analysis/BytesStrDispatch.cpp), the parameter's kind is UTF8_SIZE
// (16), whose callers pass a str's UTF-8 too. Anywhere else it stays
// BYTES_SIZE (18), and a str takes the wrapper: a length in code points, a
// length the str's way changes, a result it marks, a return of its own.
// A helper's stores through its pointers may come in either order.
// PyPy's PyObject_CheckBuffer reads the type's buffer procs inline, which
// says nothing of a str: where the str's way asks it, not proven with PyPy's
// headers (CPython's call is false of a str). Where it never asks, it is
// (strings.c's buffer_text).
// Asserts (-O2 without NDEBUG: PyUnicode_GET_LENGTH's, PyBytes_AS_STRING's)
// are no way on.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t0.o 2>&1 | FileCheck %s
// RUN: %dump --json %t0.o | FileCheck %s --check-prefix=KINDS
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t2.o 2>&1 | FileCheck %s
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=KINDS
// RUN: %clang_pyunbox -O2 -DNDEBUG %remarks -Rpass-analysis=pyunbox -c %s -o %tn.o 2>&1 | FileCheck %s --check-prefixes=CHECK,WHY
// RUN: %dump --json %tn.o | FileCheck %s --check-prefix=KINDS
// RUN: %dump --json %tn.o | FileCheck %s --check-prefix=CKINDS
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC %remarks -Rpass-analysis=pyunbox -c %s -o %tp.o 2>&1 | FileCheck %s --check-prefixes=CHECK,PYPYWHY
// RUN: %dump --json %tp.o | FileCheck %s --check-prefixes=KINDS,PYPYKINDS

// CHECK-DAG: remark: core for 'helper_order' (METH_O): unsigned long pyunbox_core_m_helper_order(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'str_first' (METH_O): unsigned long pyunbox_core_m_str_first(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'code_points' (METH_O): unsigned long pyunbox_core_m_code_points(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'points_after' (METH_O): unsigned long pyunbox_core_m_points_after(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'marks_str' (METH_O): unsigned long pyunbox_core_m_marks_str(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'own_return' (METH_O): unsigned long pyunbox_core_m_own_return(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'longer' (METH_O): unsigned long pyunbox_core_m_longer(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'buffer_first' (METH_O): unsigned long pyunbox_core_m_buffer_first(const char *, Py_ssize_t) [

// Each that keeps BYTES_SIZE for a str's way it could not prove says why.
// WHY-DAG: remark: calls of 'code_points' that pass a str for argument 1 take the wrapper: {{.*}}(its str's way converts it with 'PyUnicode_AsUTF8', and only PyUnicode_AsUTF8AndSize's UTF-8 and length are a bytes' bytes and count)
// WHY-DAG: remark: calls of 'points_after' that pass a str for argument 1 take the wrapper: its bytes and str ways were not shown to do the same (their ways part and store different things)
// WHY-DAG: remark: calls of 'marks_str' that pass a str for argument 1 take the wrapper: {{.*}}(both run a call of 'PyLong_FromUnsignedLong' with what differs between them)
// WHY-DAG: remark: calls of 'own_return' that pass a str for argument 1 take the wrapper: {{.*}}(one of them does more than test and convert on its own way (a call of 'fnv'))
// WHY-DAG: remark: calls of 'longer' that pass a str for argument 1 take the wrapper: {{.*}}(their ways part and store different things)
// PYPYWHY: remark: calls of 'buffer_first' that pass a str for argument 1 take the wrapper: {{.*}}(what differs between them decides a return or a branch that one of them does not take one way)

// KINDS-DAG: "python_name": "helper_order", {{.*}}"param_kinds": [16]
// KINDS-DAG: "python_name": "str_first", {{.*}}"param_kinds": [16]
// KINDS-DAG: "python_name": "code_points", {{.*}}"param_kinds": [18]
// KINDS-DAG: "python_name": "points_after", {{.*}}"param_kinds": [18]
// KINDS-DAG: "python_name": "marks_str", {{.*}}"param_kinds": [18]
// KINDS-DAG: "python_name": "own_return", {{.*}}"param_kinds": [18]
// KINDS-DAG: "python_name": "longer", {{.*}}"param_kinds": [18]
// CKINDS-DAG: "python_name": "buffer_first", {{.*}}"param_kinds": [16]
// PYPYKINDS-DAG: "python_name": "buffer_first", {{.*}}"param_kinds": [18]

#include "../Inputs/module.h"

static unsigned long fnv(const char *p, Py_ssize_t n) {
  unsigned long h = 1469598103934665603UL;
  for (Py_ssize_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 1099511628211UL;
  return h;
}

static PyObject *type_error(PyObject *o) {
  PyErr_Format(PyExc_TypeError, "a bytes or a str is required, not '%s'", Py_TYPE(o)->tp_name);
  return NULL;
}

// The bytes' way stores the bytes, then their count; the str's way the
// count (PyUnicode_AsUTF8AndSize's store), then the bytes: each to a place
// of its own, in either order.
static int data_in_order(PyObject *o, const char **data, Py_ssize_t *size) {
  if (PyBytes_Check(o)) {
    *data = PyBytes_AS_STRING(o);
    *size = PyBytes_GET_SIZE(o);
    return 1;
  }
  if (PyUnicode_Check(o)) {
    *data = PyUnicode_AsUTF8AndSize(o, size);
    return *data != NULL;
  }
  type_error(o);
  return 0;
}

static PyObject *helper_order(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (!data_in_order(o, &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(fnv(s, n));
}

// The str first, each test exact.
static PyObject *str_first(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (PyUnicode_CheckExact(o)) {
    s = PyUnicode_AsUTF8AndSize(o, &n);
    if (s == NULL)
      return NULL;
  } else if (PyBytes_CheckExact(o)) {
    s = PyBytes_AS_STRING(o);
    n = PyBytes_GET_SIZE(o);
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n));
}

// Not the same: the length in code points (of "é", 1; its UTF-8 is 2 bytes).
static PyObject *code_points(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (PyBytes_Check(o)) {
    n = PyBytes_GET_SIZE(o);
    s = PyBytes_AS_STRING(o);
  } else if (PyUnicode_Check(o)) {
    n = PyUnicode_GET_LENGTH(o);
    s = PyUnicode_AsUTF8(o);
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n));
}

// Not the same: the UTF-8's length overwritten by the code points'.
static PyObject *points_after(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (PyBytes_Check(o)) {
    n = PyBytes_GET_SIZE(o);
    s = PyBytes_AS_STRING(o);
  } else if (PyUnicode_Check(o)) {
    s = PyUnicode_AsUTF8AndSize(o, &n);
    n = PyUnicode_GET_LENGTH(o);
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n));
}

// Not the same: the str's way marks the result.
static PyObject *marks_str(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  unsigned long mark = 0;
  if (PyBytes_Check(o)) {
    n = PyBytes_GET_SIZE(o);
    s = PyBytes_AS_STRING(o);
  } else if (PyUnicode_Check(o)) {
    s = PyUnicode_AsUTF8AndSize(o, &n);
    mark = 1;
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n) + mark);
}

// Not the same: the str's way returns on its own.
static PyObject *own_return(PyObject *self, PyObject *o) {
  Py_ssize_t n;
  if (PyUnicode_Check(o)) {
    const char *s = PyUnicode_AsUTF8AndSize(o, &n);
    return s ? PyLong_FromUnsignedLong(fnv(s, n) ^ 1) : NULL;
  }
  if (!PyBytes_Check(o))
    return type_error(o);
  return PyLong_FromUnsignedLong(fnv(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o)));
}

// Not the same: one byte more of the str (its NUL).
static PyObject *longer(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (PyBytes_Check(o)) {
    n = PyBytes_GET_SIZE(o);
    s = PyBytes_AS_STRING(o);
  } else if (PyUnicode_Check(o)) {
    s = PyUnicode_AsUTF8AndSize(o, &n);
    n = n + 1;
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n));
}

// The buffer procs asked of a str too (PyPy: no answer known).
static PyObject *buffer_first(PyObject *self, PyObject *o) {
  const char *s;
  Py_ssize_t n;
  if (PyObject_CheckBuffer(o) && PyBytes_Check(o)) {
    s = PyBytes_AS_STRING(o);
    n = PyBytes_GET_SIZE(o);
  } else if (PyUnicode_Check(o)) {
    s = PyUnicode_AsUTF8AndSize(o, &n);
    if (s == NULL)
      return NULL;
  } else {
    return type_error(o);
  }
  return PyLong_FromUnsignedLong(fnv(s, n));
}

DEFINE_MODULE(m, {"helper_order", helper_order, METH_O, NULL}, {"str_first", str_first, METH_O, NULL}, {"code_points", code_points, METH_O, NULL},
              {"points_after", points_after, METH_O, NULL}, {"marks_str", marks_str, METH_O, NULL},
              {"own_return", own_return, METH_O, NULL}, {"longer", longer, METH_O, NULL},
              {"buffer_first", buffer_first, METH_O, NULL})
