// Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS around a system call: the
// wrapper lets other threads run meanwhile. The core has no GIL to let go of
// (a caller holding one may keep it, as for any C call): PyEval_SaveThread
// and PyEval_RestoreThread go, and the core needs no interpreter.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'is_terminal' (METH_O): _Bool pyunbox_core_m_is_terminal(int)

// IR-LABEL: define {{.*}}i1 @pyunbox_core_m_is_terminal(
// IR-NOT: PyEval
// IR: call i32 @isatty(
// IR-NOT: PyEval
// IR: ret i1

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *is_terminal(PyObject *module, PyObject *arg) {
  int fd = _PyLong_AsInt(arg);
  if (fd == -1 && PyErr_Occurred())
    return NULL;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = isatty(fd);
  Py_END_ALLOW_THREADS
  return PyBool_FromLong(r);
}

DEFINE_MODULE(m, {"is_terminal", is_terminal, METH_O, NULL})
