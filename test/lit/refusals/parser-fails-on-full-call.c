// Formats CPython's parsers reject for a call that passes every argument, or
// that require more arguments than the first '|' says. Every parser sets the
// least count at each '|', so the last one decides ("l|l|" requires two), and
// a second '|' right after a first is a bad format char ("l||l"). Clinic's
// _PyArg_Parser holds its keyword list, which CPython checks as a kwlist:
// as many names as units, no empty name after a named one. No core for any.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: no core for 'last_bar': '_PyArg_ParseTuple_SizeT' format "l|l|" has '|' twice: CPython's parser requires the units before the last, or fails on a call that passes every argument
// CHECK-DAG: remark: no core for 'adjacent_bars': '_PyArg_ParseTuple_SizeT' format "l||l" has '|' twice
// CHECK-DAG: remark: no core for 'stack_bars': '_PyArg_ParseStack_SizeT' format "|l|ll" has '|' twice
// CHECK-DAG: remark: no core for 'more_names': '_PyArg_ParseStackAndKeywords_SizeT' format "l|l:more_names" has 3 keyword names for 2 units: CPython's parser fails on a call that passes every argument
// CHECK-DAG: remark: no core for 'fewer_names': '_PyArg_ParseStackAndKeywords_SizeT' format "l|l:fewer_names" has 1 keyword names for 2 units
// CHECK-DAG: remark: no core for 'empty_name': '_PyArg_ParseStackAndKeywords_SizeT' format "l|l:empty_name" has an empty keyword name after a named one
// CHECK-DAG: remark: core for 'named' (METH_FASTCALL): long pyunbox_core_m_named(long, long)

#include "../Inputs/module.h"

static PyObject *last_bar(PyObject *self, PyObject *args) {
  long x = 1, y = 2;
  if (!PyArg_ParseTuple(args, "l|l|", &x, &y))
    return NULL;
  return PyLong_FromLong(x * 10 + y);
}

static PyObject *adjacent_bars(PyObject *self, PyObject *args) {
  long x = 1, y = 2;
  if (!PyArg_ParseTuple(args, "l||l", &x, &y))
    return NULL;
  return PyLong_FromLong(x * 10 + y);
}

static PyObject *stack_bars(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  long x = 1, y = 2, z = 3;
  if (!_PyArg_ParseStack(args, nargs, "|l|ll", &x, &y, &z))
    return NULL;
  return PyLong_FromLong(x * 100 + y * 10 + z);
}

#define KEYWORD_PARSED(name, ...)                                                                  \
  static const char *const name##_keywords[] = {__VA_ARGS__, NULL};                               \
  static _PyArg_Parser name##_parser = {"l|l:" #name, name##_keywords, 0};                        \
  static PyObject *name(PyObject *self, PyObject *const *args, Py_ssize_t nargs,                  \
                        PyObject *kwnames) {                                                       \
    long a, b = 2;                                                                                 \
    if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &name##_parser, &a, &b))               \
      return NULL;                                                                                 \
    return PyLong_FromLong(a * 10 + b);                                                            \
  }

KEYWORD_PARSED(more_names, "a", "b", "c")
KEYWORD_PARSED(fewer_names, "a")
KEYWORD_PARSED(empty_name, "a", "")
KEYWORD_PARSED(named, "a", "b")

DEFINE_MODULE(m, {"last_bar", last_bar, METH_VARARGS, NULL},
              {"adjacent_bars", adjacent_bars, METH_VARARGS, NULL},
              {"stack_bars", (PyCFunction)(void (*)(void))stack_bars, METH_FASTCALL, NULL},
              {"more_names", (PyCFunction)(void (*)(void))more_names, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"fewer_names", (PyCFunction)(void (*)(void))fewer_names, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"empty_name", (PyCFunction)(void (*)(void))empty_name, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"named", (PyCFunction)(void (*)(void))named, METH_FASTCALL | METH_KEYWORDS, NULL})
