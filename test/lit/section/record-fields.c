// Every field of a record, read back from an unlinked object file.
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s

// CHECK:      "python_name": "clamp",
// CHECK-SAME: "core_symbol": "pyunbox_core_fields_clamp",
// CHECK-SAME: "wrapper_symbol": "clamp",
// CHECK-SAME: "module": "fields",
// CHECK-SAME: "c_prototype": "long pyunbox_core_fields_clamp(long, long, long)",
// CHECK-SAME: "return_type": "long",
// CHECK-SAME: "param_types": ["long", "long", "long"],
// CHECK-SAME: "param_names": [null, null, null],
// CHECK-SAME: "convention": "METH_VARARGS",
// CHECK-SAME: "meth_flags": 1,
// CHECK-SAME: "needs_interpreter": false,
// CHECK-SAME: "memory": "none",
// CHECK-SAME: "errors": "none",
// CHECK-SAME: "format_version": 1
#include "../Inputs/module.h"

static PyObject *clamp(PyObject *self, PyObject *args) {
  long x, lo, hi;
  if (!PyArg_ParseTuple(args, "lll:clamp", &x, &lo, &hi))
    return NULL;
  return PyLong_FromLong(x < lo ? lo : x > hi ? hi : x);
}

DEFINE_MODULE(fields, {"clamp", clamp, METH_VARARGS, NULL})
