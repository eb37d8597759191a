// A validated setter: parses an int, raises ValueError for a bad value,
// otherwise stores it and returns None. The core bails where the wrapper
// raises and returns nothing: a bail core with a void result (the outliner
// once crashed on the bail's own `ret void`).
// RUN: %clang_pyunbox -O0 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'set_level' (METH_VARARGS): void pyunbox_core_m_set_level(int, int *); bails where the wrapper raises
// REMARK: remark: core for 'get_level' (METH_NOARGS): long pyunbox_core_m_get_level(void)

// IR: define {{.*}}void @pyunbox_core_m_set_level(i32 noundef {{.*}}, ptr {{.*}}%[[BAIL:[0-9a-z]+]])
// IR-DAG:     store i32 1, ptr %[[BAIL]]
// IR-DAG:     store i32 %{{.*}}, ptr @level
// IR-DAG:     ret void
// IR:       }

#include "../Inputs/module.h"

static int level = 0;

static PyObject *set_level(PyObject *self, PyObject *args) {
  int v;
  if (!PyArg_ParseTuple(args, "i", &v))
    return NULL;
  if (v < 0 || v > 9) {
    PyErr_SetString(PyExc_ValueError, "level must be in 0..9");
    return NULL;
  }
  level = v;
  Py_RETURN_NONE;
}
static PyObject *get_level(PyObject *self, PyObject *unused) { return PyLong_FromLong(level); }
DEFINE_MODULE(m, {"set_level", set_level, METH_VARARGS, NULL},
                 {"get_level", get_level, METH_NOARGS, NULL})
