// A heap block of the core's own, malloc's or calloc's result that never
// leaves the core (loads, stores, comparisons and free() only), is no effect:
// no one else can reach it, as no one can reach the core's stack, and the
// allocator is thread-safe (docs/FORMAT.md, "memory"). A block kept in a
// global is the extension's state: `write`. strdup's copy reads its source,
// so its block is not counted as the core's own. -O0 declares malloc and
// free without the attributes LLVM knows them by (the C library's names are
// asked), and keeps a helper's block in a variable of its own, whose loads
// are followed as the block: the same classes there.
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s --check-prefixes=CHECK
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s --check-prefixes=CHECK

// CHECK: "python_name": "scratch", {{.*}}"memory": "none"
// CHECK: "python_name": "kept", {{.*}}"memory": "write"
// CHECK: "python_name": "copied", {{.*}}"memory": "write"
// CHECK: "python_name": "helped", {{.*}}"memory": "none"
// CHECK: "python_name": "handed_on", {{.*}}"memory": "write"
#include "../Inputs/module.h"
#include <stdlib.h>
#include <string.h>

/* The sum of the squares up to n, through a table of its own. */
static PyObject *scratch(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 0 || n > 1000)
    n = 10;
  long *squares = calloc((size_t)n + 1, sizeof(long));
  if (squares == NULL)
    return PyLong_FromLong(-1);
  for (long i = 0; i <= n; i++)
    squares[i] = i * i;
  long sum = 0;
  for (long i = 0; i <= n; i++)
    sum += squares[i];
  free(squares);
  return PyLong_FromLong(sum);
}

static long *last;

static PyObject *kept(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  long *block = malloc(sizeof(long));
  if (block == NULL)
    return PyLong_FromLong(-1);
  *block = n;
  free(last);
  last = block;
  return PyLong_FromLong(*block);
}

static PyObject *copied(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  char *text = strdup("abcdefgh");
  if (text == NULL)
    return PyLong_FromLong(-1);
  text[n & 7] = 'z';
  long sum = 0;
  for (int i = 0; text[i]; i++)
    sum += text[i];
  free(text);
  return PyLong_FromLong(sum);
}

/* A helper's block, freed through its variable (never inlined). */
__attribute__((noinline)) static long digits(long n) {
  char *buf = malloc(32);
  if (!buf)
    return -1;
  long count = 0;
  do {
    buf[count++] = (char)('0' + n % 10);
    n /= 10;
  } while (n && count < 32);
  free(buf);
  return count;
}

static PyObject *helped(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(digits(n < 0 ? -n : n));
}

/* A helper whose block goes from its variable into a global. */
__attribute__((noinline)) static long hand_on(long n) {
  long *block = malloc(sizeof(long));
  if (!block)
    return -1;
  *block = n;
  free(last);
  last = block;
  return *block;
}

static PyObject *handed_on(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(hand_on(n));
}

DEFINE_MODULE(heap, {"scratch", scratch, METH_O, NULL}, {"kept", kept, METH_O, NULL},
              {"copied", copied, METH_O, NULL}, {"helped", helped, METH_O, NULL},
              {"handed_on", handed_on, METH_O, NULL})
