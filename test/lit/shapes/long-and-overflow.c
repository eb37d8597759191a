// PyLong_AsLongAndOverflow unboxes a long and reports ints out of range
// through its flag. A core's parameter is in range, so the flag reads 0 and
// the code past LONG_MAX (a second unboxing as unsigned long, as posix's
// _Py_Uid_Converter does) is not the core's. Where the flag's address goes
// elsewhere, the analysis cannot know what is read from it: no core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -S -emit-llvm %s -o - 2>&1 | FileCheck %s --check-prefixes=REMARK,IR
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// -ftrivial-auto-var-init stores into `int overflow;` at its declaration,
// which the call then overwrites: the same cores (before: OverflowFlagEscapes).
// A store after the call ('flag_set') is what a later read sees: no core.
// RUN: %clang_pyunbox -O0 -ftrivial-auto-var-init=pattern %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -ftrivial-auto-var-init=pattern %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:

// REMARK-DAG: remark: core for 'small_id' (METH_O): long pyunbox_core_m_small_id(long, int *); bails where the wrapper raises
// REMARK-DAG: remark: no core for 'flag_kept': 'PyLong_AsLongAndOverflow' reports overflow where the analysis cannot follow it
// REMARK-DAG: remark: no core for 'flag_set': 'PyLong_AsLongAndOverflow' reports overflow where the analysis cannot follow it

// KEY: Name: OverflowFlagEscapes
// KEY: Function: flag_kept
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_small_id(
// IR-NOT: call
// IR: ret i64

#include "../Inputs/module.h"

static PyObject *small_id(PyObject *self, PyObject *arg) {
  int overflow;
  long v = PyLong_AsLongAndOverflow(arg, &overflow);
  if (overflow > 0) {
    unsigned long u = PyLong_AsUnsignedLong(arg);
    if (u == (unsigned long)-1 && PyErr_Occurred())
      return NULL;
    return PyLong_FromUnsignedLong(u);
  }
  if (overflow < 0 || v < -1 || v > 0xffffffffL) {
    PyErr_SetString(PyExc_OverflowError, "id out of range");
    return NULL;
  }
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 3);
}

static int *last_flag;

static PyObject *flag_kept(PyObject *self, PyObject *arg) {
  int overflow;
  last_flag = &overflow;
  long v = PyLong_AsLongAndOverflow(arg, &overflow);
  if (overflow)
    return PyLong_FromLong(0);
  return PyLong_FromLong(v);
}

static PyObject *flag_set(PyObject *self, PyObject *arg) {
  int overflow = 0;
  long v = PyLong_AsLongAndOverflow(arg, &overflow);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  if (v < 0)
    overflow = 1;
  if (overflow)
    return PyLong_FromLong(0);
  return PyLong_FromLong(v);
}

DEFINE_MODULE(m, {"small_id", small_id, METH_O, NULL}, {"flag_kept", flag_kept, METH_O, NULL},
              {"flag_set", flag_set, METH_O, NULL})
