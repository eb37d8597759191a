// An optional argument that a converter unboxes (Argument Clinic's
// unsigned int, size_t, unsigned long: `unsigned int n = 3; ... if (nargs
// < 2) goto skip; if (!_PyLong_UnsignedInt_Converter(args[1], &n)) goto
// exit;`): the converter writes the variable through its address, so no
// phi merges the default; omitted, the variable keeps what was stored
// before the converter, where that one store dominates it and nothing else
// writes it first. That constant is the default ('ui', 'sz', 'kw' by
// keyword too). Where two stores may reach the converter ('moded') or the
// default is stored only where the argument is omitted ('late'), the
// parameter is optional with no default. A file descriptor's converter
// fails below zero, and so does the core: its -1 is no default, its 5 is
// ('fd').
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "ui", {{.*}}"param_optional": [false, true], "param_defaults": [null, 3]
// CHECK-DAG: "python_name": "sz", {{.*}}"param_optional": [false, true], "param_defaults": [null, 18446744073709551615]
// CHECK-DAG: "python_name": "kw", {{.*}}"param_names": ["x", "n"], {{.*}}"param_optional": [false, true], "param_defaults": [null, 7]
// CHECK-DAG: "python_name": "moded", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]
// CHECK-DAG: "python_name": "fd", {{.*}}"param_optional": [false, true, true], "param_defaults": [null, null, 5]
// CHECK-DAG: "python_name": "late", {{.*}}"param_optional": [false, true], "param_defaults": [null, null]

#include "../Inputs/module.h"

int mode; // set elsewhere

static PyObject *ui(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  long x;
  unsigned int n = 3;
  if (!_PyArg_CheckPositional("ui", nargs, 1, 2))
    return NULL;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip_optional;
  if (!_PyLong_UnsignedInt_Converter(args[1], &n))
    return NULL;
skip_optional:
  return PyLong_FromLong(x + (long)n);
}

static PyObject *sz(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  long x;
  size_t n = (size_t)-1;
  if (!_PyArg_CheckPositional("sz", nargs, 1, 2))
    return NULL;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip_optional;
  if (!_PyLong_Size_t_Converter(args[1], &n))
    return NULL;
skip_optional:
  return PyLong_FromSize_t(n / 2 + (size_t)x);
}

// As Clinic writes kw(x, n: unsigned_int = 7).
static PyObject *kw(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"x", "n", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "kw", 0};
  PyObject *argsbuf[2];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  long x;
  unsigned int n = 7;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 2, 0, argsbuf);
  if (!args)
    goto exit;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    goto exit;
  if (!noptargs)
    goto skip_optional_pos;
  if (!_PyLong_UnsignedInt_Converter(args[1], &n))
    goto exit;
skip_optional_pos:
  return_value = PyLong_FromLong(x * (long)n);
exit:
  return return_value;
}

static PyObject *moded(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  long x;
  unsigned int n = 3;
  if (!_PyArg_CheckPositional("moded", nargs, 1, 2))
    return NULL;
  if (mode)
    n = 4;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip_optional;
  if (!_PyLong_UnsignedInt_Converter(args[1], &n))
    return NULL;
skip_optional:
  return PyLong_FromLong(x + (long)n);
}

static PyObject *late(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  long x;
  unsigned int n;
  if (!_PyArg_CheckPositional("late", nargs, 1, 2))
    return NULL;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2) {
    n = 3;
  } else if (!_PyLong_UnsignedInt_Converter(args[1], &n)) {
    return NULL;
  }
  return PyLong_FromLong(x + (long)n);
}

static PyObject *fd(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  long x;
  int fd = -1, fd2 = 5;
  if (!_PyArg_CheckPositional("fd", nargs, 1, 3))
    return NULL;
  x = PyLong_AsLong(args[0]);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip_optional;
  if (!_PyLong_FileDescriptor_Converter(args[1], &fd))
    return NULL;
  if (nargs < 3)
    goto skip_optional;
  if (!_PyLong_FileDescriptor_Converter(args[2], &fd2))
    return NULL;
skip_optional:
  return PyLong_FromLong(x + fd + fd2);
}

DEFINE_MODULE(m, {"ui", (PyCFunction)(void (*)(void))ui, METH_FASTCALL, NULL},
              {"sz", (PyCFunction)(void (*)(void))sz, METH_FASTCALL, NULL},
              {"kw", (PyCFunction)(void (*)(void))kw, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"moded", (PyCFunction)(void (*)(void))moded, METH_FASTCALL, NULL},
              {"late", (PyCFunction)(void (*)(void))late, METH_FASTCALL, NULL},
              {"fd", (PyCFunction)(void (*)(void))fd, METH_FASTCALL, NULL})
