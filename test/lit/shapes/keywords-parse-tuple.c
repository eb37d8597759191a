// METH_VARARGS | METH_KEYWORDS with PyArg_ParseTupleAndKeywords: the core is the
// call without keywords (kwargs NULL), with all arguments given (also those
// after '|'), and the kwlist names the parameters.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'clamp' (METH_VARARGS): double pyunbox_core_m_clamp(double, double, double)
// REMARK-DAG: remark: no core for 'kwonly': '_PyArg_ParseTupleAndKeywords_SizeT' format "d|$d" has code '$', which does not unbox a C scalar
// RECORD: "python_name": "clamp", {{.*}}"param_names": ["x", "lo", "hi"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true, true], "param_defaults": [null, 0, 1], "convention": "METH_VARARGS", "meth_flags": 3

#include "../Inputs/module.h"

static PyObject *clamp(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "lo", "hi", NULL};
  double x, lo = 0.0, hi = 1.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|dd:clamp", kwlist, &x, &lo, &hi))
    return NULL;
  return PyFloat_FromDouble(x < lo ? lo : x > hi ? hi : x);
}

static PyObject *kwonly(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  double x, scale = 1.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|$d", kwlist, &x, &scale))
    return NULL;
  return PyFloat_FromDouble(x * scale);
}

DEFINE_MODULE(m,
    {"clamp", (PyCFunction)(void (*)(void))clamp, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonly", (PyCFunction)(void (*)(void))kwonly, METH_VARARGS | METH_KEYWORDS, NULL})
