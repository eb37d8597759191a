// A stub for a platform without the feature: it unboxes its argument, then
// always raises. A core would never return a value.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'set_priority': never returns normally for well-typed arguments

// KEY: Name: NoNormalReturn
// KEY: Function: set_priority

#include "../Inputs/module.h"

static PyObject *set_priority(PyObject *self, PyObject *arg) {
  long priority = PyLong_AsLong(arg);
  if (priority == -1 && PyErr_Occurred())
    return NULL;
  PyErr_Format(PyExc_NotImplementedError, "set_priority(%ld): not supported on this platform",
               priority);
  return NULL;
}

DEFINE_MODULE(m, {"set_priority", set_priority, METH_O, NULL})
