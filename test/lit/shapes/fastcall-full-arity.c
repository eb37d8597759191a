// METH_FASTCALL taking one or two arguments (add(a, b=1)): the core is the
// wrapper called with all of them, long(long, long). A record describes calls
// with exactly param_count positional arguments; consumers hand every other
// call to the wrapper (docs/FORMAT.md), so the one-argument form stays the
// wrapper's.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'add' (METH_FASTCALL): long pyunbox_core_m_add(long, long)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_add(i64 noundef %0, i64 noundef %1)
// IR-NEXT:    %[[S:.*]] = add nsw i64 %1, %0
// IR-NEXT:    ret i64 %[[S]]

#include "../Inputs/module.h"

/* add(a, b=1): one or two arguments. */
static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 2) {
    PyErr_SetString(PyExc_TypeError, "add expects 1 or 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = 1;
  if (nargs == 2) {
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
      return NULL;
  }
  return PyLong_FromLong(a + b);
}

DEFINE_MODULE(m, {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL})
