// The wrapper calls a helper of the module that uses the interpreter (a
// printf-like trace to sys.stderr) and that the pass does not inline: it is
// variadic. The table is no PyModuleDef's, so no core may use the
// interpreter instead.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'square': calls 'trace', which uses the interpreter ('PySys_WriteStderr')

// KEY: Name: CallsInterpreterHelper
// KEY: Function: square

#include "../Inputs/module.h"
#include <stdarg.h>
#include <stdio.h>

static int verbose;

static void trace(const char *fmt, ...) {
  if (!verbose)
    return;
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  PySys_WriteStderr("%s\n", buf);
}

static PyObject *square(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  trace("square(%ld)", n);
  return PyLong_FromLong(n * n);
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"square", square, METH_O, NULL})
