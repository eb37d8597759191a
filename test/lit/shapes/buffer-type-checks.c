// A bytes-like argument's type tests: CPython's Modules/hashlib.h (copied
// by mmh3 and pysha3) fills a view only after PyUnicode_Check(obj) fails and
// PyObject_CheckBuffer(obj) holds. A core's caller passes an exact bytes for
// a bytes kind (a Py_buffer unit's other objects go to the wrapper), of
// which the first is false and the second true: facts ('digest', and
// PyBytes_Check's true in 'isbytes'). Of an argument its callers may pass as
// a str or a bytes ("s*") the test is no fact, nor of a number: no core
// (TypeCheckOfOtherKind). Nor is a test of another field of the type.
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=BOTH,CHECK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=BOTH,CHECK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// PyPy's macros read the argument's tp_flags and tp_as_buffer->bf_getbuffer
// inline, which hold as the calls do:
// RUN: %clang -O0 -fwrapv -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=BOTH,PYPY --implicit-check-not=remark:
// RUN: %clang -O2 -fwrapv -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=BOTH,PYPY --implicit-check-not=remark:

// BOTH-DAG: remark: core for 'digest' (METH_FASTCALL): unsigned long pyunbox_core_m_digest(const char *, Py_ssize_t, unsigned long) [
// BOTH-DAG: remark: core for 'isbytes' (METH_O): Py_ssize_t pyunbox_core_m_isbytes(const char *, Py_ssize_t) [
// CHECK-DAG: remark: no core for 'strview': tests the type of argument 1 (a call of 'PyType_HasFeature'), which a core could only answer for a bytes, but unboxes it as const char *, Py_ssize_t [
// CHECK-DAG: remark: no core for 'number': tests the type of argument 1 (a call of 'PyType_HasFeature'), which a core could only answer for a bytes, but unboxes it as long [
// PYPY-DAG: remark: no core for 'strview': tests the type of argument 1 (its type's fields, read inline), which a core could only answer for a bytes, but unboxes it as const char *, Py_ssize_t [
// PYPY-DAG: remark: no core for 'number': tests the type of argument 1 (its type's fields, read inline), which a core could only answer for a bytes, but unboxes it as long [
// CHECK-DAG: remark: no core for 'number_procs': argument 1 is used for more than unboxing (a call of 'Py_TYPE') [
// CHECK-DAG: remark: no core for 'release_procs': argument 1 is used for more than unboxing (a call of 'Py_TYPE') [
// PYPY-DAG: remark: no core for 'number_procs': argument 1 is used for more than unboxing ('getelementptr') [
// PYPY-DAG: remark: no core for 'release_procs': argument 1 is used for more than unboxing ('getelementptr') [

// KEY: Name: TypeCheckOfOtherKind

#include "../Inputs/module.h"

static unsigned long sum(const unsigned char *p, Py_ssize_t n) {
  unsigned long s = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    s = s * 31 + p[i];
  return s;
}

// As hashlib.h's GET_BUFFER_VIEW_OR_ERROUT fills a view.
#define GET_VIEW(obj, viewp)                                                                       \
  do {                                                                                             \
    if (PyUnicode_Check((obj))) {                                                                  \
      PyErr_SetString(PyExc_TypeError, "Strings must be encoded before hashing");                  \
      return NULL;                                                                                 \
    }                                                                                              \
    if (!PyObject_CheckBuffer((obj))) {                                                            \
      PyErr_SetString(PyExc_TypeError, "object supporting the buffer API required");               \
      return NULL;                                                                                 \
    }                                                                                              \
    if (PyObject_GetBuffer((obj), (viewp), PyBUF_SIMPLE) == -1)                                    \
      return NULL;                                                                                 \
    if ((viewp)->ndim > 1) {                                                                       \
      PyErr_SetString(PyExc_BufferError, "Buffer must be single dimension");                       \
      PyBuffer_Release((viewp));                                                                   \
      return NULL;                                                                                 \
    }                                                                                              \
  } while (0)

static PyObject *digest(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  Py_buffer view;
  unsigned long seed = 0;
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "digest() takes 1 or 2 arguments");
    return NULL;
  }
  if (nargs == 2) {
    seed = PyLong_AsUnsignedLong(args[1]);
    if (seed == (unsigned long)-1 && PyErr_Occurred())
      return NULL;
  }
  GET_VIEW(args[0], &view);
  unsigned long s = sum(view.buf, view.len) ^ seed;
  PyBuffer_Release(&view);
  return PyLong_FromUnsignedLong(s);
}

static PyObject *isbytes(PyObject *self, PyObject *arg) {
  char *p;
  Py_ssize_t n;
  if (!PyBytes_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "a bytes is required");
    return NULL;
  }
  if (!PyArg_Parse(arg, "y#", &p, &n))
    return NULL;
  return PyLong_FromSsize_t(n);
}

// "s*" takes a str too, for which PyUnicode_Check is true.
static PyObject *strview(PyObject *self, PyObject *arg) {
  Py_buffer view;
  if (!PyArg_Parse(arg, "s*", &view))
    return NULL;
  long r = PyUnicode_Check(arg) ? -(long)view.len : (long)view.len;
  PyBuffer_Release(&view);
  return PyLong_FromLong(r);
}

static PyObject *number(PyObject *self, PyObject *arg) {
  int is_bytes = PyBytes_Check(arg);
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x + is_bytes);
}

// Other fields of its type are no facts: the number procs, and
// bf_releasebuffer (which PyPy's bytes type leaves NULL).
#define FIELD_TEST(name, test)                                                                     \
  static PyObject *name(PyObject *self, PyObject *arg) {                                           \
    char *p;                                                                                       \
    Py_ssize_t n;                                                                                  \
    PyTypeObject *t = Py_TYPE(arg);                                                                \
    int odd = (test);                                                                              \
    if (!PyArg_Parse(arg, "y#", &p, &n))                                                           \
      return NULL;                                                                                 \
    return PyLong_FromSsize_t(n + odd);                                                            \
  }
FIELD_TEST(number_procs, t->tp_as_number != NULL)
FIELD_TEST(release_procs, t->tp_as_buffer != NULL && t->tp_as_buffer->bf_releasebuffer != NULL)

DEFINE_MODULE(m, {"digest", (PyCFunction)(void (*)(void))digest, METH_FASTCALL, NULL},
              {"isbytes", isbytes, METH_O, NULL}, {"strview", strview, METH_O, NULL},
              {"number", number, METH_O, NULL}, {"number_procs", number_procs, METH_O, NULL},
              {"release_procs", release_procs, METH_O, NULL})
