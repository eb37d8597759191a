// Argument Clinic's keyword-only parameters with defaults (math.isclose's
// shape): without keywords the unpack admits at most maxpos = 2 arguments,
// so the core takes the two positional ones and the keyword-only ones keep
// their defaults. Reads of the keyword-only slots are guarded by noptargs,
// which is 0 then. Where such a read would still run ('unguarded'), there is
// no core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'close' (METH_FASTCALL): _Bool pyunbox_core_m_close(double, double)
// REMARK-DAG: remark: no core for 'unguarded': reads argument 3 of its array, past the 2 a call without keywords passes
// RECORD: "param_names": ["a", "b"], "param_passing": ["positional-or-keyword", "positional-or-keyword"], "param_optional": [false, false], "param_defaults": [null, null], "convention": "METH_FASTCALL"

#include "../Inputs/module.h"
#include <math.h>

static int close_impl(double a, double b, double rel_tol, double abs_tol) {
  double diff = fabs(b - a);
  return diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol;
}

static PyObject *isclose(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"a", "b", "rel_tol", "abs_tol", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "close", 0};
  PyObject *argsbuf[4];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 2;
  double a, b, rel_tol = 1e-09, abs_tol = 0.0;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 2, 2, 0, argsbuf);
  if (!args)
    goto exit;
  a = PyFloat_AsDouble(args[0]);
  if (a == -1.0 && PyErr_Occurred())
    goto exit;
  b = PyFloat_AsDouble(args[1]);
  if (b == -1.0 && PyErr_Occurred())
    goto exit;
  if (!noptargs)
    goto skip_optional_kwonly;
  if (args[2]) {
    rel_tol = PyFloat_AsDouble(args[2]);
    if (rel_tol == -1.0 && PyErr_Occurred())
      goto exit;
    if (!--noptargs)
      goto skip_optional_kwonly;
  }
  abs_tol = PyFloat_AsDouble(args[3]);
  if (abs_tol == -1.0 && PyErr_Occurred())
    goto exit;
skip_optional_kwonly:
  return_value = PyBool_FromLong(close_impl(a, b, rel_tol, abs_tol));
exit:
  return return_value;
}

static PyObject *unguarded(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", "scale", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "unguarded", 0};
  PyObject *argsbuf[3];
  double a, b, scale = 1.0;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 2, 2, 0, argsbuf);
  if (!args)
    return NULL;
  a = PyFloat_AsDouble(args[0]);
  if (a == -1.0 && PyErr_Occurred())
    return NULL;
  b = PyFloat_AsDouble(args[1]);
  if (b == -1.0 && PyErr_Occurred())
    return NULL;
  if (args[2]) {
    scale = PyFloat_AsDouble(args[2]);
    if (scale == -1.0 && PyErr_Occurred())
      return NULL;
  }
  return PyFloat_FromDouble((a + b) * scale);
}

DEFINE_MODULE(m, {"close", (PyCFunction)(void (*)(void))isclose, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"unguarded", (PyCFunction)(void (*)(void))unguarded, METH_FASTCALL | METH_KEYWORDS, NULL})
