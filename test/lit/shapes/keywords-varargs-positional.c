// METH_VARARGS | METH_KEYWORDS: the core stands for the calls without
// keywords; a kwlist of its own names the parameter.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK: remark: core for 'scale' (METH_VARARGS): long pyunbox_core_m_scale(long)


#include "../Inputs/module.h"

static PyObject *scale(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *names[] = {"x", NULL};
  long x;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l", names, &x))
    return NULL;
  return PyLong_FromLong(x * 3);
}

DEFINE_MODULE(m, {"scale", (PyCFunction)(void (*)(void))scale, METH_VARARGS | METH_KEYWORDS, NULL})
