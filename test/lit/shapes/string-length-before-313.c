// '#' in a parser that does not show PY_SSIZE_T_CLEAN (the plain
// PyArg_ParseTuple, which 3.13's headers call for every parse): from CPython
// 3.13 on it stores a Py_ssize_t length and the core is the wrapper's; before,
// the parse raises SystemError, and PyPy's stores an int. So the core reads
// the running interpreter's Py_Version (a weak reference: PyPy has none, and
// the module must load there) and bails below 3.13 or without one; its record
// says errors "bail". With PY_SSIZE_T_CLEAN's _SizeT parser nothing is read
// (shapes/string-arguments.c).
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'weigh' (METH_VARARGS): long pyunbox_core_m_weigh(const char *, Py_ssize_t, int *); bails where the wrapper raises

// IR: @Py_Version = extern_weak {{.*}}constant i64
// IR: define {{.*}}i64 @pyunbox_core_m_weigh(
// IR: icmp eq {{.*}}@Py_Version, {{.*}}null
// IR: load i64, ptr @Py_Version
// IR: icmp ugt i64 %{{.*}}, 51183615
// IR: store i32 1, ptr %2

#include "../Inputs/module.h"

#undef PyArg_ParseTuple
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *, const char *, ...);

static PyObject *weigh(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#", &s, &n))
    return NULL;
  long w = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    w = 31 * w + (unsigned char)s[i];
  return PyLong_FromLong(w);
}

DEFINE_MODULE(m, {"weigh", weigh, METH_VARARGS, NULL})
