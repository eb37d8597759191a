// Argument Clinic's METH_FASTCALL|METH_KEYWORDS with a format it cannot
// unpack inline: _PyArg_ParseStackAndKeywords(args, nargs, kwnames, &_parser,
// ...), whose _PyArg_Parser holds the format and the keyword names. Without
// keywords (kwnames NULL) it parses the array.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=NAMES

// REMARK: remark: core for 'group_of' (METH_FASTCALL): long pyunbox_core_m_group_of(int)
// NAMES: "param_names": ["pid"]

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

DEFINE_MODULE(m,
    {"group_of", (PyCFunction)(void (*)(void))group_of, METH_FASTCALL | METH_KEYWORDS, NULL})
