// Py_RETURN_TRUE / Py_RETURN_FALSE: the core returns _Bool (i1 zeroext).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'is_even' (METH_O): _Bool pyunbox_core_m_is_even(long)

// IR-LABEL: define internal {{.*}}ptr @is_even(ptr
// IR:         @_Py_TrueStruct
// IR-LABEL: define {{.*}}zeroext i1 @pyunbox_core_m_is_even(i64 noundef %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i1

#include "../Inputs/module.h"

static PyObject *is_even(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n % 2 == 0)
    Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

DEFINE_MODULE(m, {"is_even", is_even, METH_O, NULL})
