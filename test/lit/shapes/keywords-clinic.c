// Argument Clinic's METH_FASTCALL | METH_KEYWORDS: without keywords its
// _PyArg_UnpackKeywords macro hands back args itself, so the core is the
// positional call, and the parser's keyword list gives the parameter names.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK: remark: core for 'scale' (METH_FASTCALL): long pyunbox_core_m_scale(long, long)
// RECORD: "param_names": ["x", "factor"], "param_passing": ["positional-or-keyword", "positional-or-keyword"], "param_optional": [false, false], "param_defaults": [null, null], "convention": "METH_FASTCALL", "meth_flags": 130

#include "../Inputs/module.h"

static PyObject *scale_impl(PyObject *module, long x, long factor) {
  return PyLong_FromLong(x * factor);
}

static PyObject *scale(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"x", "factor", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "scale", 0};
  PyObject *argsbuf[2];
  long x, factor;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 2, 2, 0, argsbuf);
  if (!args)
    goto exit;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    goto exit;
  factor = PyLong_AsLong(args[1]);
  if (factor == -1 && PyErr_Occurred())
    goto exit;
  return_value = scale_impl(module, x, factor);
exit:
  return return_value;
}

DEFINE_MODULE(m, {"scale", (PyCFunction)(void (*)(void))scale, METH_FASTCALL | METH_KEYWORDS, NULL})
