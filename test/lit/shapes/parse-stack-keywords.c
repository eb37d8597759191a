// Argument Clinic's METH_FASTCALL|METH_KEYWORDS with a format it cannot
// unpack inline: _PyArg_ParseStackAndKeywords(args, nargs, kwnames, &_parser,
// ...), whose _PyArg_Parser holds the format and the keyword names. Without
// keywords (kwnames NULL) it parses the array. A hand-written wrapper with
// the same parser that then reads nargs (which a call by name makes smaller)
// or kwnames (set only by a call by name) tells the two calls apart: its core
// stands for positional calls only, and an optional parameter whose omission
// it can see has no default in the record.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=NAMES

// REMARK-DAG: remark: core for 'group_of' (METH_FASTCALL): long pyunbox_core_m_group_of(int)
// REMARK-DAG: remark: core for 'tells_nargs' (METH_FASTCALL): long pyunbox_core_m_tells_nargs(long, long)
// REMARK-DAG: remark: core for 'tells_kwnames' (METH_FASTCALL): long pyunbox_core_m_tells_kwnames(long, long)
// REMARK-DAG: remark: no core for 'kwonly_tells': argument 2 is keyword-only ('$'), and the wrapper tells a call by name from a positional one (it reads its tuple's size, nargs or kwnames)
// NAMES: "python_name": "group_of", {{.*}}"param_names": ["pid"], "param_passing": ["positional-or-keyword"]
// NAMES: "python_name": "tells_nargs", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"], "param_optional": [false, true], "param_defaults": [null, null]
// NAMES: "python_name": "tells_kwnames", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"], "param_optional": [false, true], "param_defaults": [null, 5]

#include "../Inputs/module.h"

static PyObject *group_of(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) {
  static const char *const _keywords[] = {"pid", NULL};
  static _PyArg_Parser _parser = {"i:group_of", _keywords, 0};
  int pid;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &_parser, &pid))
    return NULL;
  return PyLong_FromLong(pid / 100);
}

static PyObject *tells_nargs(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
  static const char *const kwlist[] = {"a", "b", NULL};
  static _PyArg_Parser parser = {"l|l:tells_nargs", kwlist, 0};
  long a, b = 5;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &a, &b))
    return NULL;
  if (nargs > 1) // f(1, 2) but not f(1, b=2)
    return PyLong_FromLong(a + b);
  return PyLong_FromLong(a - b);
}

static PyObject *tells_kwnames(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames) {
  static const char *const kwlist[] = {"a", "b", NULL};
  static _PyArg_Parser parser = {"l|l:tells_kwnames", kwlist, 0};
  long a, b = 5;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &a, &b))
    return NULL;
  if (kwnames != NULL)
    return PyLong_FromLong(-1);
  return PyLong_FromLong(a + b);
}

static PyObject *kwonly_tells(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames) {
  static const char *const kwlist[] = {"a", "b", NULL};
  static _PyArg_Parser parser = {"l|$l:kwonly_tells", kwlist, 0};
  long a, b = 5;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &a, &b))
    return NULL;
  return PyLong_FromLong(kwnames ? a : b);
}

DEFINE_MODULE(m,
    {"group_of", (PyCFunction)(void (*)(void))group_of, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"tells_nargs", (PyCFunction)(void (*)(void))tells_nargs, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"tells_kwnames", (PyCFunction)(void (*)(void))tells_kwnames, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"kwonly_tells", (PyCFunction)(void (*)(void))kwonly_tells, METH_FASTCALL | METH_KEYWORDS, NULL})
