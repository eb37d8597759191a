// METH_FASTCALL with an `nargs != 2` check: the core takes the two arguments, and
// the argument-count error (which raises) is not on the core's path.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'add' (METH_FASTCALL): long pyunbox_core_m_add(long, long)

// IR-LABEL: define internal {{.*}}ptr @add(ptr
// IR:         call void @PyErr_SetString(
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_add(i64 noundef %0, i64 noundef %1)
// IR-NOT:     {{@_?Py}}
// IR:         add nsw i64
// IR-NEXT:    ret i64

#include "../Inputs/module.h"

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "add expects 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a + b);
}

DEFINE_MODULE(m, {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL})
