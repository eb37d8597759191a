// METH_NOARGS: the core takes no parameters.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'answer' (METH_NOARGS): long pyunbox_core_m_answer(void)

// IR-LABEL: define internal {{.*}}ptr @answer(ptr
// IR:         call ptr @PyLong_FromLong(i64 noundef 42)
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_answer()
// IR-NEXT:    ret i64 42

#include "../Inputs/module.h"

static PyObject *answer(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(42);
}

DEFINE_MODULE(m, {"answer", answer, METH_NOARGS, NULL})
