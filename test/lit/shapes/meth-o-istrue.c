// METH_O, PyObject_IsTrue and PyBool_FromLong: the core is _Bool(_Bool); both are
// i1 zeroext in the IR, and the error value -1 of PyObject_IsTrue is gone.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'negate' (METH_O): _Bool pyunbox_core_m_negate(_Bool)

// IR-LABEL: define internal {{.*}}ptr @negate(ptr
// IR:         call i32 @PyObject_IsTrue(
// IR:         call ptr @PyBool_FromLong(
// IR-LABEL: define {{.*}}zeroext i1 @pyunbox_core_m_negate(i1 noundef zeroext %0)
// IR-NOT:     {{@_?Py}}
// IR:         ret i1

#include "../Inputs/module.h"

static PyObject *negate(PyObject *self, PyObject *arg) {
  int t = PyObject_IsTrue(arg);
  if (t < 0)
    return NULL;
  return PyBool_FromLong(!t);
}

DEFINE_MODULE(m, {"negate", negate, METH_O, NULL})
