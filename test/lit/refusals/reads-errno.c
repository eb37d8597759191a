// errno is the core's own only once the core has set it: the wrapper reads
// its thread's errno, a core called through cffi starts with cffi's saved
// one. A core that reads errno where no store of its own comes first (the
// stale ERANGE of an earlier math.exp(1000) would make expo raise) is
// dropped when its record would be written (ReadsErrno); one that clears
// errno before the call whose error it tests keeps its core, and so does
// one that reads it where a POSIX call has returned -1 (which set it): a
// negative result, or any but 0 of a call that returns only 0 or -1
// ('synced': fsync, as CPython's os.fsync tests it), not of one that returns
// more ('sought': lseek's offset).
// A helper of the module that reads it so (not inlined: noinline, or any
// static function at -O0) reads it for the core that calls it ('offset'); one
// that clears it first does not ('cleared_by_helper').
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: %dump %t.o | FileCheck %s --check-prefix=DUMP
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t0.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump %t0.o | FileCheck %s --check-prefix=DUMP

// REMARK-DAG: remark: no core for 'expo' after all: it reads errno before it sets it (a consumer's call starts with an errno of its own, not the one the wrapper's caller left)
// REMARK-DAG: remark: core for 'cleared' (METH_O)
// REMARK-DAG: remark: core for 'closed' (METH_O)
// REMARK-DAG: remark: no core for 'offset' after all: it calls 'last_error', which reads errno before it sets it
// REMARK-DAG: remark: core for 'cleared_by_helper' (METH_O)
// REMARK-DAG: remark: core for 'synced' (METH_O)
// REMARK-DAG: remark: no core for 'sought' after all: it reads errno before it sets it

// KEY: Name: ReadsErrno
// KEY: Function: expo

// DUMP: 4 records
// DUMP-DAG: m.cleared
// DUMP-DAG: m.cleared_by_helper
// DUMP-DAG: m.closed
// DUMP-DAG: m.synced

#include "../Inputs/module.h"

#include <errno.h>
#include <math.h>

static PyObject *expo(PyObject *self, PyObject *arg) {
  double a = PyFloat_AsDouble(arg);
  if (a == -1.0 && PyErr_Occurred())
    return NULL;
  double r = exp(a);
  if (errno == ERANGE) {
    errno = 0;
    PyErr_SetString(PyExc_OverflowError, "exp overflowed");
    return NULL;
  }
  return PyFloat_FromDouble(r);
}

static PyObject *cleared(PyObject *self, PyObject *arg) {
  double a = PyFloat_AsDouble(arg);
  if (a == -1.0 && PyErr_Occurred())
    return NULL;
  errno = 0;
  double r = exp(a);
  if (errno == ERANGE) {
    PyErr_SetString(PyExc_OverflowError, "exp overflowed");
    return NULL;
  }
  return PyFloat_FromDouble(r);
}

#include <unistd.h>

/* -errno where close fails (EBADF for a bad descriptor), else 0. */
static PyObject *closed(PyObject *self, PyObject *arg) {
  long fd = PyLong_AsLong(arg);
  if (fd == -1 && PyErr_Occurred())
    return NULL;
  if (close((int)fd) < 0) {
    int saved = errno;
    return PyLong_FromLong(-saved);
  }
  return PyLong_FromLong(0);
}

static PyObject *synced(PyObject *self, PyObject *arg) {
  long fd = PyLong_AsLong(arg);
  if (fd == -1 && PyErr_Occurred())
    return NULL;
  if (fsync((int)fd) != 0)
    return PyLong_FromLong(-errno);
  return PyLong_FromLong(0);
}

static PyObject *sought(PyObject *self, PyObject *arg) {
  long fd = PyLong_AsLong(arg);
  if (fd == -1 && PyErr_Occurred())
    return NULL;
  if (lseek((int)fd, 0, SEEK_CUR) != 0)
    return PyLong_FromLong(-errno);
  return PyLong_FromLong(0);
}

__attribute__((noinline)) static int last_error(void) { return errno; }

static PyObject *offset(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x + last_error());
}

__attribute__((noinline)) static int fresh_error(double x) {
  errno = 0;
  (void)exp(x);
  return errno;
}

static PyObject *cleared_by_helper(PyObject *self, PyObject *arg) {
  double a = PyFloat_AsDouble(arg);
  if (a == -1.0 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(fresh_error(a));
}

DEFINE_MODULE(m, {"expo", expo, METH_O, NULL}, {"cleared", cleared, METH_O, NULL},
              {"closed", closed, METH_O, NULL}, {"offset", offset, METH_O, NULL},
              {"cleared_by_helper", cleared_by_helper, METH_O, NULL},
              {"synced", synced, METH_O, NULL}, {"sought", sought, METH_O, NULL})
