// A hand-written METH_FASTCALL | METH_KEYWORDS that rejects keywords itself:
// with kwnames NULL (a call without keywords) the check folds away.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK: remark: core for 'scale' (METH_FASTCALL): long pyunbox_core_m_scale(long)


#include "../Inputs/module.h"

static PyObject *scale(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  if (nargs != 1 || kwnames != NULL)
    return NULL;
  long x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x * 3);
}

DEFINE_MODULE(m, {"scale", (PyCFunction)(void (*)(void))scale, METH_FASTCALL | METH_KEYWORDS, NULL})
