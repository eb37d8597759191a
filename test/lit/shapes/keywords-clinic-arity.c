// Argument Clinic's wrapper reads nargs and kwnames itself: in its
// _PyArg_UnpackKeywords macro's fast path, in noptargs (the count of
// arguments passed, by position or by name) and in the skips of optional
// positional-only parameters. A call by name agrees with the call of the
// same values by position on all of those ('optional': f(a, b=2, c=3) names
// all three; a call that names c and skips b, which leaves NULL in the
// unpacked array and noptargs smaller, is keywords-clinic-gaps.c's). A call
// may skip an optional positional-only parameter and name a later one:
// nargs then counts fewer than the positional-only ones ('posonly').
// A hand-written wrapper in Clinic's style that reads nargs or kwnames
// otherwise tells the two calls apart: nargs tested for a parameter a call
// may name ('nargs_skip'), nargs in the result ('nargs_used'), kwnames tested
// ('kwnames_tested'), kwnames steering to two places both calls reach
// ('kwnames_steers'), the caller's array read after the unpack, where a call
// by name has its keywords' values in call order ('callers_array'), an
// unpack without the keywords ('names_not_unpacked'), the unpack's buffer
// read, which only a call by name fills ('buffer_read'), two unpacks by
// parsers of other names ('two_parsers'). A parser the module rewrites
// names nothing ('renamed_parser'). Their cores stand for positional
// calls only.
// A remark says why their names take no keywords.
// RUN: %clang_pyunbox -O2 -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "optional", {{.*}}"param_names": ["a", "b", "c"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]
// CHECK-DAG: "python_name": "plain", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-or-keyword", "positional-or-keyword"]
// CHECK-DAG: "python_name": "posonly", {{.*}}"param_names": [null, null, "c"], "param_passing": ["positional-only", "positional-only", "positional-only"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]
// CHECK-DAG: "python_name": "nargs_skip", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"], "param_optional": [false, true], "param_defaults": [null, 3]
// CHECK-DAG: "python_name": "nargs_used", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "kwnames_tested", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "kwnames_steers", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "callers_array", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "buffer_read", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "two_parsers", {{.*}}"param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "renamed_parser", {{.*}}"param_names": [null, null], "param_passing": ["positional-only", "positional-only"]
// CHECK-DAG: "python_name": "names_not_unpacked", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"]

// REMARK-DAG: remark: calls of 'posonly' that pass 'c' by name take the wrapper: the wrapper tests nargs as if at least 2 arguments were passed by position, which a call by name need not do
// REMARK-DAG: remark: calls of 'nargs_used' that pass 'a', 'b' by name take the wrapper: the wrapper reads nargs or kwnames otherwise than Argument Clinic's code does, so that a call by name and the call of the same values by position differ

#include "../Inputs/module.h"

static PyObject *posonly_impl(PyObject *module, long a, long b, long c) {
  return PyLong_FromLong(a * 100 + b * 10 + c);
}

// f(a, b=2, /, c=3), as Clinic writes it.
static PyObject *posonly(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"", "", "c", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "posonly", 0};
  PyObject *argsbuf[3];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  long a;
  long b = 2;
  long c = 3;

  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
  if (!args)
    goto exit;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    goto exit;
  if (nargs < 2)
    goto skip_optional_posonly;
  noptargs--;
  b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    goto exit;
skip_optional_posonly:
  if (!noptargs)
    goto skip_optional_pos;
  c = PyLong_AsLong(args[2]);
  if (c == -1 && PyErr_Occurred())
    goto exit;
skip_optional_pos:
  return_value = posonly_impl(module, a, b, c);
exit:
  return return_value;
}

// f(a, b=3): `f(1, b=2)` passes 1 by position, so skips b here.
static PyObject *nargs_skip(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                            PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "nargs_skip", 0};
  PyObject *argsbuf[2];
  long a, b = 3;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 2, 0, argsbuf);
  if (!args)
    return NULL;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto skip;
  b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
skip:
  return PyLong_FromLong(a * 10 + b);
}

// The wrapper of f(a, b) in Clinic's style up to its body: its parser, the
// unpack (handed Keywords, and the buffer Buffer), a and b converted.
#define WRAPPER_AB(name, Keywords, Buffer)                                                        \
  static PyObject *name(PyObject *module, PyObject *const *args, Py_ssize_t nargs,               \
                        PyObject *kwnames) {                                                     \
    static const char *const _keywords[] = {"a", "b", NULL};                                     \
    static _PyArg_Parser _parser = {NULL, _keywords, #name, 0};                                  \
    PyObject *argsbuf[2] = {NULL, NULL};                                                         \
    long a, b;                                                                                   \
    args = _PyArg_UnpackKeywords(args, nargs, NULL, Keywords, &_parser, 2, 2, 0, Buffer);        \
    if (!args)                                                                                   \
      return NULL;                                                                               \
    a = PyLong_AsLong(args[0]);                                                                  \
    if (a == -1 && PyErr_Occurred())                                                             \
      return NULL;                                                                               \
    b = PyLong_AsLong(args[1]);                                                                  \
    if (b == -1 && PyErr_Occurred())                                                             \
      return NULL;

// The shape itself keeps its names.
WRAPPER_AB(plain, kwnames, argsbuf)
  return PyLong_FromLong(a * 10 + b);
}

WRAPPER_AB(nargs_used, kwnames, argsbuf)
  return PyLong_FromLong(a * 10 + b + nargs * 1000);
}

static PyObject *kwnames_tested(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "kwnames_tested", 0};
  PyObject *argsbuf[2];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  long a, b = 3;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 2, 0, argsbuf);
  if (!args)
    return NULL;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (!noptargs)
    goto skip;
  b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
skip:
  return PyLong_FromLong(a * 10 + b + (kwnames ? 5000 : 0));
}

// f(a, b=2, c=3), as Clinic writes it.
static PyObject *optional(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"a", "b", "c", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "optional", 0};
  PyObject *argsbuf[3];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  long a;
  long b = 2;
  long c = 3;

  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
  if (!args)
    goto exit;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    goto exit;
  if (!noptargs)
    goto skip_optional_pos;
  if (args[1]) {
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
      goto exit;
    if (!--noptargs)
      goto skip_optional_pos;
  }
  c = PyLong_AsLong(args[2]);
  if (c == -1 && PyErr_Occurred())
    goto exit;
skip_optional_pos:
  return_value = posonly_impl(module, a, b, c);
exit:
  return return_value;
}

// Both calls reach both returns, each by its own path.
WRAPPER_AB(kwnames_steers, kwnames, argsbuf)
  if (kwnames) {
    if (a > 100)
      goto big;
    goto small;
  }
  if (a > 100)
    goto small;
big:
  return PyLong_FromLong(a * 10 + b + 5000);
small:
  return PyLong_FromLong(a * 10 + b);
}

static PyObject *callers_array(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "callers_array", 0};
  PyObject *argsbuf[2];
  PyObject *const *given = args;
  long a, b;
  if (!_PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 2, 2, 0, argsbuf))
    return NULL;
  a = PyLong_AsLong(given[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  b = PyLong_AsLong(given[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a * 10 + b);
}

WRAPPER_AB(names_not_unpacked, NULL, argsbuf)
  return PyLong_FromLong(a * 10 + b);
}

WRAPPER_AB(buffer_read, kwnames, argsbuf)
  return PyLong_FromLong(a * 10 + b + (argsbuf[0] ? 1000 : 0));
}

static PyObject *two_parsers(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "two_parsers", 0};
  static const char *const _swapped[] = {"b", "a", NULL};
  static _PyArg_Parser _parser2 = {NULL, _swapped, "two_parsers", 0};
  PyObject *argsbuf[2], *argsbuf2[2];
  long a, b;
  PyObject *const *x = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 2, 2, 0, argsbuf);
  if (!x)
    return NULL;
  PyObject *const *y = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser2, 2, 2, 0, argsbuf2);
  if (!y)
    return NULL;
  a = PyLong_AsLong(x[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  b = PyLong_AsLong(y[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a * 10 + b);
}

static const char *const renamed_keywords[] = {"a", "b", NULL};
static const char *const swapped_keywords[] = {"b", "a", NULL};
static _PyArg_Parser renamed = {NULL, renamed_keywords, "renamed_parser", 0};

static PyObject *renamed_parser(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames) {
  PyObject *argsbuf[2];
  long a, b;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &renamed, 2, 2, 0, argsbuf);
  if (!args)
    return NULL;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a * 10 + b);
}

/* Called at import (the module's exec slot would do the same). */
void rename_parser(void) { renamed.keywords = swapped_keywords; }

DEFINE_MODULE(m,
              {"renamed_parser", (PyCFunction)(void (*)(void))renamed_parser, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"plain", (PyCFunction)(void (*)(void))plain, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"buffer_read", (PyCFunction)(void (*)(void))buffer_read, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"two_parsers", (PyCFunction)(void (*)(void))two_parsers, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"optional", (PyCFunction)(void (*)(void))optional, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"kwnames_steers", (PyCFunction)(void (*)(void))kwnames_steers, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"callers_array", (PyCFunction)(void (*)(void))callers_array, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"names_not_unpacked", (PyCFunction)(void (*)(void))names_not_unpacked, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"posonly", (PyCFunction)(void (*)(void))posonly, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"nargs_skip", (PyCFunction)(void (*)(void))nargs_skip, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"nargs_used", (PyCFunction)(void (*)(void))nargs_used, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"kwnames_tested", (PyCFunction)(void (*)(void))kwnames_tested, METH_FASTCALL | METH_KEYWORDS, NULL})
