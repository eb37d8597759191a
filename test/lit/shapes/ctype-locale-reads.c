// <ctype.h>'s tests and conversions read this thread's locale tables:
// glibc's isupper() is a macro that indexes the table __ctype_b_loc()
// points to, and toupper() a call at -O0 (an inline read of
// __ctype_toupper_loc()'s table at -O2). Neither enters the interpreter
// or changes anything: the core needs no GIL, and its memory is "read"
// (another thread may change the locale), at both levels (LibcRoles.h).
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s

// CHECK-DAG: "python_name": "uppers", {{.*}}"needs_interpreter": false, {{.*}}"memory": "read"
// CHECK-DAG: "python_name": "shout", {{.*}}"needs_interpreter": false, {{.*}}"memory": "read"
#include "../Inputs/module.h"
#include <ctype.h>

/* How many upper-case letters the text has. */
static PyObject *uppers(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  long n = 0;
  for (; *s; s++)
    n += isupper((unsigned char)*s) != 0;
  return PyLong_FromLong(n);
}

/* A character code in upper case. */
static PyObject *shout(PyObject *self, PyObject *arg) {
  long c = PyLong_AsLong(arg);
  if (c == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(c >= 0 && c < 256 ? toupper((int)c) : c);
}

DEFINE_MODULE(m, {"uppers", uppers, METH_VARARGS, NULL}, {"shout", shout, METH_O, NULL})
