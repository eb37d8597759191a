// A core's helpers of the same file are read with what their arguments
// point to: a string's bytes or the core's own stack handed to a helper
// that only reads them is no memory effect, though the helper's own summary
// (and LLVM's attributes) say it reads memory, and a loop's moving pointer
// into the bytes (a phi) is based on them. LLVM counts comparing two
// pointers as capturing them (the loop's `p != end`), so the helper's
// parameter is checked as the core's is: no pointer kept, none written.
// A helper that keeps the pointer still costs the core; a helper that reads
// a global the module writes is still a read. A failed assert ends the
// process: no memory effect. -O0 keeps every pointer in a variable of its
// own: a load of one whose address goes nowhere else is what was stored
// there (a string's bytes, the stack, a loop's moving pointer), and a
// pointer to a global stays the global (aimed, bumped) even where the
// variable's address is taken (redirected). docs/FORMAT.md, "memory";
// StringBytes.h.
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump %t.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -c %s -o %t0.o
// RUN: %dump %t0.o | FileCheck %s --check-prefix=O0

// REMARK: remark: no core for 'remember' after all: it passes a pointer to argument 1's bytes to a call of 'keep'

// CHECK: 9 records
// CHECK-DAG: helpermem.digest {{.*}} no none none
// CHECK-DAG: helpermem.squares {{.*}} no none none
// CHECK-DAG: helpermem.shared {{.*}} no read none
// CHECK-DAG: helpermem.tick {{.*}} no write none
// CHECK-DAG: helpermem.recall {{.*}} no read none
// CHECK-DAG: helpermem.checked {{.*}} no none none
// CHECK-DAG: helpermem.aimed {{.*}} no read none
// CHECK-DAG: helpermem.bumped {{.*}} no write none
// CHECK-DAG: helpermem.redirected {{.*}} no read none

// -O0 keeps each variable in memory: the same cores and effects, though
// their helpers read through pointers loaded from their variables.
// O0: 9 records
// O0-DAG: helpermem.digest {{.*}} no none none
// O0-DAG: helpermem.squares {{.*}} no none none
// O0-DAG: helpermem.shared {{.*}} no read none
// O0-DAG: helpermem.tick {{.*}} no write none
// O0-DAG: helpermem.recall {{.*}} no read none
// O0-DAG: helpermem.checked {{.*}} no none none
// O0-DAG: helpermem.aimed {{.*}} no read none
// O0-DAG: helpermem.bumped {{.*}} no write none
// O0-DAG: helpermem.redirected {{.*}} no read none

#define PY_SSIZE_T_CLEAN
#undef NDEBUG
#include <Python.h>
#include <assert.h>

static long counter;

/* A loop's moving pointer (a phi) over its parameter's bytes. */
__attribute__((noinline)) static unsigned long walk(const char *p, const char *end) {
  unsigned long h = 5381;
  for (; p != end; ++p)
    h = h * 33 + (unsigned char)*p;
  return h;
}

__attribute__((noinline)) static long sum(const long *v, int n) {
  long s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i];
  return s;
}

__attribute__((noinline)) static long bump(long x) { return x + counter; }

static PyObject *digest(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(walk(s, s + n));
}

static PyObject *squares(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long v[8];
  for (int i = 0; i < 8; ++i)
    v[i] = (x + i) * (x + i);
  return PyLong_FromLong(sum(v, 8));
}

static PyObject *shared(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(bump(x));
}

static PyObject *tick(PyObject *self, PyObject *noargs) {
  ++counter;
  Py_RETURN_NONE;
}

static const char *last;

/* Keeps a pointer into the bytes past the call. */
__attribute__((noinline)) static int keep(const char *p) {
  last = p;
  return p[0];
}

static PyObject *recall(PyObject *self, PyObject *noargs) {
  return PyLong_FromLong(last ? last[0] : -1);
}

static PyObject *checked(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  assert(x != 12345);
  return PyLong_FromLong(x / 3);
}

static PyObject *remember(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromLong(keep(s));
}

/* A pointer variable aimed at a global: reading through it reads it. */
static PyObject *aimed(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  const long *p = &counter;
  return PyLong_FromLong(*p + x);
}

/* ... and writing through it writes it. */
static PyObject *bumped(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long *p = &counter;
  *p += x;
  Py_RETURN_NONE;
}

/* A pointer variable first aimed at the stack, then through its address
 * at the global: its loads are not the stack's. */
static PyObject *redirected(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long local = x;
  const long *p = &local;
  const long **pp = &p;
  *pp = &counter;
  return PyLong_FromLong(*p);
}

static PyMethodDef methods[] = {{"digest", digest, METH_VARARGS, NULL},
                                {"aimed", aimed, METH_O, NULL},
                                {"bumped", bumped, METH_O, NULL},
                                {"redirected", redirected, METH_O, NULL},
                                {"squares", squares, METH_O, NULL},
                                {"shared", shared, METH_O, NULL},
                                {"tick", tick, METH_NOARGS, NULL},
                                {"remember", remember, METH_VARARGS, NULL},
                                {"recall", recall, METH_NOARGS, NULL},
                                {"checked", checked, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "helpermem", NULL, -1, methods};
PyMODINIT_FUNC PyInit_helpermem(void) { return PyModule_Create(&def); }
