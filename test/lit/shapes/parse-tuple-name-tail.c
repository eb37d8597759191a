// A format string's ":name" tail names the function for error messages; it is
// not a parameter.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'add' (METH_VARARGS): long pyunbox_core_m_add(long, long)

// IR-LABEL: define internal {{.*}}ptr @add(ptr
// IR:         call {{.*}}@_PyArg_ParseTuple_SizeT(ptr {{.*}}, ptr {{.*}}@.str
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_add(i64 noundef %0, i64 noundef %1)
// IR-NOT:     {{@_?Py}}
// IR:         ret i64

#include "../Inputs/module.h"

static PyObject *add(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:add", &a, &b))
    return NULL;
  return PyLong_FromLong(a + b);
}

DEFINE_MODULE(m, {"add", add, METH_VARARGS, NULL})
