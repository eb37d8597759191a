// METH_FASTCALL's argument array: an element's address (args + k) is read
// through, or tested against NULL, or the array is used for more than
// reading arguments. Handed on (`total(args + 1, 1)`), it is refused as the
// array itself is; before, the analysis missed that use and the outliner
// found the array still used ("the core failed to build ...; please report
// this", InternalError).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark:
//
// -fsanitize=null tests each element's address before its load: it lies in
// the array CPython passes, so the test folds and the core is the plain
// build's. -fsanitize=alignment masks it as an integer for the report: no
// core, for a reason, not a fault.
// RUN: %clang_pyunbox -O0 -fwrapv -fsanitize=null %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fsanitize=null %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fwrapv -fsanitize=alignment %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ALIGN --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fsanitize=alignment %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ALIGN --implicit-check-not=remark:

// PLAIN-DAG: remark: {{.*}}no core for 'tail_sum': uses its argument array for more than reading arguments (a call of 'total')
// PLAIN-DAG: remark: {{.*}}core for 'mix' (METH_FASTCALL): long pyunbox_core_m_mix(long, long) [

// KEY: Name: ArgumentEscapes
// KEY: Function: tail_sum

// ALIGN-DAG: remark: {{.*}}no core for 'tail_sum': {{.*}}
// ALIGN-DAG: remark: {{.*}}no core for 'mix': calls '__ubsan_handle_type_mismatch_v1', which reaches code outside this module that may use the interpreter{{.*}}
// ALIGN-NOT: please report

#include "../Inputs/module.h"

long total(PyObject *const *objs, Py_ssize_t n);

static PyObject *tail_sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2)
    return NULL;
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(a + b + total(args + 1, 1));
}

static PyObject *mix(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "mix expected 2 arguments");
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong((long)((unsigned long)a * 31 + (unsigned long)b));
}

DEFINE_MODULE(m, {"tail_sum", (PyCFunction)(void (*)(void))tail_sum, METH_FASTCALL, NULL},
              {"mix", (PyCFunction)(void (*)(void))mix, METH_FASTCALL, NULL})
