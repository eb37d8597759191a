// A function that declares fewer parameters than its convention passes, put
// in the table through a cast: old extensions define a METH_VARARGS function
// of no arguments as `f(PyObject *self)` (python-blosc's get_blocksize), and
// a METH_KEYWORDS one as `f(self, args)`, which ignores its keywords. The C
// calling convention drops what a function does not declare, so it never
// reads it: a METH_VARARGS function without its tuple takes any arguments
// and ignores them (its core stands for the call without any, as for a
// wrapper that never reads its tuple); one without its keywords parses its
// tuple by position. A METH_O function without its object has no core for a
// call of one argument, and a METH_FASTCALL one with its array but without
// nargs cannot count the items it reads: no core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'blocksize' (METH_VARARGS): int pyunbox_core_m_blocksize(void)
// REMARK-DAG: remark: core for 'bare' (METH_VARARGS): long pyunbox_core_m_bare(void)
// REMARK-DAG: remark: core for 'nokw' (METH_VARARGS): long pyunbox_core_m_nokw(long, long)
// REMARK-DAG: remark: core for 'fastself' (METH_FASTCALL): long pyunbox_core_m_fastself(void)
// REMARK-DAG: remark: core for 'fastnokw' (METH_FASTCALL): long pyunbox_core_m_fastnokw(long)
// REMARK-DAG: remark: no core for 'noobject': declares no parameter for METH_O's argument: no core stands for a call of one
// REMARK-DAG: remark: no core for 'nonargs': declares METH_FASTCALL's array without nargs, so reads items it cannot count
// REMARK-DAG: remark: no core for 'selfish': uses self
// REMARK-DAG: remark: no core for 'wrongtype': its IR signature does not match METH_VARARGS

// KEY: Name: UnexpectedSignature
// KEY: Function: noobject

// RECORD: "python_name": "blocksize", {{.*}}"param_names": [], {{.*}}"convention": "METH_VARARGS", "meth_flags": 1
// RECORD: "python_name": "nokw", {{.*}}"param_names": [null, null], "param_passing": ["positional-only", "positional-only"], {{.*}}"convention": "METH_VARARGS", "meth_flags": 3
// RECORD: "python_name": "fastnokw", {{.*}}"param_passing": ["positional-only"], {{.*}}"convention": "METH_FASTCALL", "meth_flags": 130

#include "../Inputs/module.h"

static int block = 256;

static PyObject *blocksize(PyObject *self) { return Py_BuildValue("i", block); }

static PyObject *bare(void) { return PyLong_FromLong(7); }

static PyObject *nokw(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL;
  return PyLong_FromLong(a - b);
}

static PyObject *fastself(PyObject *self) { return PyLong_FromLong(3); }

static PyObject *fastnokw(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 1) {
    PyErr_SetString(PyExc_TypeError, "fastnokw() takes one argument");
    return NULL;
  }
  long x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(x * 2);
}

static PyObject *noobject(PyObject *self) { return PyLong_FromLong(1); }

static PyObject *nonargs(PyObject *self, PyObject *const *args) {
  return PyLong_FromLong(PyLong_AsLong(args[0]));
}

static PyObject *selfish(PyObject *self) {
  Py_INCREF(self);
  return self;
}

static PyObject *wrongtype(PyObject *self, long x) { return PyLong_FromLong(x); }

DEFINE_MODULE(m, {"blocksize", (PyCFunction)blocksize, METH_VARARGS, NULL},
                 {"bare", (PyCFunction)bare, METH_VARARGS, NULL},
                 {"nokw", (PyCFunction)nokw, METH_VARARGS | METH_KEYWORDS, NULL},
                 {"fastself", (PyCFunction)fastself, METH_FASTCALL, NULL},
                 {"fastnokw", (PyCFunction)fastnokw, METH_FASTCALL | METH_KEYWORDS, NULL},
                 {"noobject", (PyCFunction)noobject, METH_O, NULL},
                 {"nonargs", (PyCFunction)nonargs, METH_FASTCALL, NULL},
                 {"selfish", (PyCFunction)selfish, METH_VARARGS, NULL},
                 {"wrongtype", (PyCFunction)wrongtype, METH_VARARGS, NULL})
