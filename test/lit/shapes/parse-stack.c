// Argument Clinic's METH_FASTCALL with a format: _PyArg_ParseStack(args,
// nargs, fmt, ...) parses the array as PyArg_ParseTuple parses a tuple; the
// core takes every unit of the format, and nargs is that count.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'shift' (METH_FASTCALL): long pyunbox_core_m_shift(int, int)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_shift(i32 noundef %0, i32 noundef %1)
// IR-NOT: call
// IR: ret i64

#include "../Inputs/module.h"

static PyObject *shift(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  int value, by;
  if (!_PyArg_ParseStack(args, nargs, "ii:shift", &value, &by))
    return NULL;
  return PyLong_FromLong((long)value << (by & 31));
}

DEFINE_MODULE(m, {"shift", (PyCFunction)(void (*)(void))shift, METH_FASTCALL, NULL})
