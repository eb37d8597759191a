// A bytes argument read by hand, no parser (mmh3's and xxhash's way): a type
// test, then PyBytes_AS_STRING / PyBytes_AsString for its bytes and
// PyBytes_GET_SIZE / PyBytes_Size / Py_SIZE for their count. Of an exact
// bytes these give what a "y#" unit stores, so the core takes the same C
// parameters: BYTES_SIZE where the count is read, BYTES where only the bytes
// are (up to their NUL). The type tests are facts of an exact bytes, so a
// bytes-or-str dispatch keeps the bytes' way (whose str's way, where proven
// the same, makes the kind UTF8_SIZE: bytes-or-str-dispatch.c).
// The record step refuses a core that writes the bytes or keeps a pointer to
// them, and an argument also unboxed as a number is refused, as is Py_SIZE of
// an argument that nothing else reads as a bytes (an int's). A bytes' count
// is never negative, and its data never NULL: the core has no bail for them.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t0.o 2>&1 | FileCheck %s
// RUN: %dump %t0.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t2.o 2>&1 | FileCheck %s
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o %tp.o 2>&1 | FileCheck %s
// RUN: %dump %tp.o | FileCheck %s --check-prefix=TABLE

// CHECK-DAG: remark: core for 'checked' (METH_O): unsigned long pyunbox_core_m_checked(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'exact' (METH_O): long pyunbox_core_m_exact(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'calls' (METH_VARARGS): unsigned long pyunbox_core_m_calls(const char *, Py_ssize_t, long) [
// CHECK-DAG: remark: core for 'c_string' (METH_O): long pyunbox_core_m_c_string(const char *) [
// CHECK-DAG: remark: no core for 'poked' after all: it writes argument 1's bytes
// CHECK-DAG: remark: no core for 'kept' after all: it {{.*}}argument 1's bytes
// CHECK-DAG: remark: core for 'into' (METH_O): unsigned long pyunbox_core_m_into(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'into_no_length' (METH_O): long pyunbox_core_m_into_no_length(const char *) [
// CHECK-DAG: remark: core for 'not_bytearray' (METH_O): unsigned long pyunbox_core_m_not_bytearray(const char *, Py_ssize_t) [
// CHECK-DAG: remark: core for 'or_number' (METH_O): long pyunbox_core_m_or_number(const char *, Py_ssize_t) [
// CHECK-DAG: remark: no core for 'also_number': argument 1 is unboxed both as {{.*}} and as {{.*}}
// CHECK-DAG: remark: no core for 'digits': argument 1 is used for more than unboxing

// TABLE: 8 records
// TABLE-DAG: m.checked  {{.*}}(const char *, Py_ssize_t)
// TABLE-DAG: m.calls  {{.*}}(const char *, Py_ssize_t, long)
// TABLE-DAG: m.c_string  {{.*}}(const char *)

#include "../Inputs/module.h"

static unsigned long fnv(const char *p, Py_ssize_t n) {
  unsigned long h = 1469598103934665603UL;
  for (Py_ssize_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 1099511628211UL;
  return h;
}

static PyObject *checked(PyObject *self, PyObject *o) {
  if (!PyBytes_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "bytes required");
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o)));
}

// Py_SIZE for the count, after PyBytes_CheckExact.
static PyObject *exact(PyObject *self, PyObject *o) {
  if (!PyBytes_CheckExact(o)) {
    PyErr_SetString(PyExc_TypeError, "bytes required");
    return NULL;
  }
  const char *p = PyBytes_AS_STRING(o);
  return PyLong_FromLong(Py_SIZE(o) > 0 ? (unsigned char)p[0] : -1);
}

// The functions, which raise for anything else; the tuple's item is the
// argument.
static PyObject *calls(PyObject *self, PyObject *args) {
  PyObject *o;
  long k;
  if (!PyArg_ParseTuple(args, "Ol", &o, &k))
    return NULL;
  Py_ssize_t n = PyBytes_Size(o);
  if (n < 0)
    return NULL;
  const char *p = PyBytes_AsString(o);
  if (p == NULL)
    return NULL;
  return PyLong_FromUnsignedLong(fnv(p, n) ^ (unsigned long)k);
}

// Only the bytes, up to their NUL: BYTES.
static PyObject *c_string(PyObject *self, PyObject *o) {
  const char *p = PyBytes_AsString(o);
  if (p == NULL)
    return NULL;
  long n = 0;
  while (p[n])
    n++;
  return PyLong_FromLong(n);
}

// PyBytes_AsStringAndSize: both into out-parameters, 0 for success.
static PyObject *into(PyObject *self, PyObject *o) {
  char *p;
  Py_ssize_t n;
  if (PyBytes_AsStringAndSize(o, &p, &n) < 0)
    return NULL;
  return PyLong_FromUnsignedLong(fnv(p, n));
}

// Without a length it raises for a NUL in the bytes: BYTES, whose callers
// pass none.
static PyObject *into_no_length(PyObject *self, PyObject *o) {
  char *p;
  if (PyBytes_AsStringAndSize(o, &p, NULL) < 0)
    return NULL;
  long n = 0;
  while (p[n])
    n++;
  return PyLong_FromLong(n);
}

// A bytearray's way first (false of a bytes), by a subtype test too.
static PyObject *not_bytearray(PyObject *self, PyObject *o) {
  if (PyByteArray_Check(o))
    return PyLong_FromUnsignedLong(fnv(PyByteArray_AS_STRING(o), PyByteArray_GET_SIZE(o)) + 1);
  if (!PyBytes_Check(o))
    return NULL;
  return PyLong_FromUnsignedLong(fnv(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o)));
}

// Writes the argument's bytes: a core would write its caller's memory.
static PyObject *poked(PyObject *self, PyObject *o) {
  if (!PyBytes_Check(o) || PyBytes_GET_SIZE(o) == 0) {
    PyErr_SetString(PyExc_ValueError, "non-empty bytes required");
    return NULL;
  }
  char *p = PyBytes_AS_STRING(o);
  p[0] = 'x';
  return PyLong_FromLong(p[1]);
}

// Keeps a pointer to the bytes past the call.
static const char *last;
static PyObject *kept(PyObject *self, PyObject *o) {
  if (!PyBytes_Check(o))
    return NULL;
  last = PyBytes_AS_STRING(o);
  return PyLong_FromLong(PyBytes_GET_SIZE(o));
}

// Unboxed as a number where it is not a bytes: for a bytes that way is
// never taken, so the core stands for the bytes (an int takes the wrapper).
static PyObject *or_number(PyObject *self, PyObject *o) {
  if (!PyBytes_Check(o))
    return PyLong_FromLong(PyLong_AsLong(o));
  return PyLong_FromLong(PyBytes_GET_SIZE(o));
}

// Py_SIZE of an argument read as nothing else but an int: its digits, not a
// bytes' count.
static PyObject *digits(PyObject *self, PyObject *o) {
  if (PyLong_Check(o) && Py_SIZE(o) > 1)
    return PyLong_FromLong(Py_SIZE(o));
  return PyLong_FromLong(PyLong_AsLong(o));
}

// Unboxed as a number whatever it is: no kind stands for both.
static PyObject *also_number(PyObject *self, PyObject *o) {
  long k = PyLong_AsLong(o);
  if (k == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(k + PyBytes_Size(o));
}

DEFINE_MODULE(m, {"checked", checked, METH_O, NULL}, {"exact", exact, METH_O, NULL},
              {"calls", calls, METH_VARARGS, NULL},
              {"c_string", c_string, METH_O, NULL}, {"poked", poked, METH_O, NULL},
              {"kept", kept, METH_O, NULL}, {"or_number", or_number, METH_O, NULL},
              {"into", into, METH_O, NULL}, {"into_no_length", into_no_length, METH_O, NULL},
              {"not_bytearray", not_bytearray, METH_O, NULL}, {"digits", digits, METH_O, NULL},
              {"also_number", also_number, METH_O, NULL})
