// A string argument's bytes handed to a C library function that the
// analysis has no rule of its own for are judged by the attributes LLVM's
// InferFunctionAttrs gives that function's declaration at -O1 and up
// (BuildLibCalls: access's path and strncpy's source only read, no pointer
// kept; strncpy touches only its arguments' memory, so a copy into the
// core's own buffer is nothing a bail repeats). -O0 declares them
// bare; the pass asks LLVM of a copy of the declaration, so the same cores
// and the same memory classes come out at both levels (LibcRoles.h).
// strtol keeps a pointer into the string through its end pointer, which
// LLVM does not mark `nocapture`: its core is withdrawn at both levels.
// -fno-builtin says these are no C library functions: no core.
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %s -o %t.o2.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %s -o %t.o0.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.o0.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -fno-builtin -fPIC %remarks -c %s -o %t.nb.o 2>&1 | FileCheck %s --check-prefix=NOBUILTIN

// REMARK-DAG: remark: core for 'reachable' (METH_VARARGS): _Bool pyunbox_core_m_reachable(const char *)
// REMARK-DAG: remark: core for 'head_or_raise' (METH_VARARGS): unsigned long pyunbox_core_m_head_or_raise(const char *, int *); bails where the wrapper raises
// REMARK-DAG: remark: no core for 'parsed' after all: it passes a pointer to argument 1's bytes to a call of 'strtol', which LLVM does not know to only read them and keep no pointer to them

// CHECK-DAG: "python_name": "reachable", {{.*}}"memory": "write"
// CHECK-DAG: "python_name": "head_or_raise", {{.*}}"memory": "none", "errors": "bail"

// NOBUILTIN-DAG: remark: no core for 'reachable' after all: it passes a pointer to argument 1's bytes to a call of 'access'
// NOBUILTIN-DAG: remark: no core for 'head_or_raise' after all: it passes a pointer to argument 1's bytes to a call of 'strncpy'
#include "../Inputs/module.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether a path exists: the system call reads the path, keeps nothing. */
static PyObject *reachable(PyObject *self, PyObject *args) {
  const char *path;
  if (!PyArg_ParseTuple(args, "s", &path))
    return NULL;
  return PyBool_FromLong(access(path, F_OK) == 0);
}

/* A hash of the first seven bytes, copied into a buffer of its own, or
 * ValueError for a text that starts with a space: the raise comes after the
 * copy, which only the core's own buffer saw (e2e/strings.c's clipped is
 * the copy alone, compared with its wrapper). */
static PyObject *head_or_raise(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  char head[8];
  strncpy(head, s, sizeof head - 1);
  head[sizeof head - 1] = 0;
  if (head[0] == ' ') {
    PyErr_SetString(PyExc_ValueError, "leading space");
    return NULL;
  }
  unsigned long h = 5381;
  for (size_t i = 0; i < sizeof head; i++)
    h = h * 33 + (unsigned char)head[i];
  return PyLong_FromUnsignedLong(h);
}

/* The number at the start of the text and where it ends. */
static PyObject *parsed(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  char *end;
  long v = strtol(s, &end, 10);
  return PyLong_FromLong(v * 100 + (end - s));
}

DEFINE_MODULE(m, {"reachable", reachable, METH_VARARGS, NULL},
              {"head_or_raise", head_or_raise, METH_VARARGS, NULL},
              {"parsed", parsed, METH_VARARGS, NULL})
