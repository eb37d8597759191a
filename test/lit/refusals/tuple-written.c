// A METH_VARARGS function that reads its argument tuple's items itself (as
// Cython does) but also writes into the tuple: only reads of ob_size and
// ob_item[k] make arguments; the store through the item's address does not.
// RUN: %clang_pyunbox -O0 -DNDEBUG %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -DNDEBUG %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'swap_in': uses its argument tuple for more than reading arguments ('getelementptr')

// KEY: Name: ArgumentEscapes
// KEY: Function: swap_in

#include "../Inputs/module.h"

static PyObject *swap_in(PyObject *self, PyObject *args) {
  if (PyTuple_GET_SIZE(args) != 1)
    return NULL;
  long n = PyLong_AsLong(PyTuple_GET_ITEM(args, 0));
  if (n == -1 && PyErr_Occurred())
    return NULL;
  ((PyTupleObject *)args)->ob_item[0] = Py_None; /* PyPy's PyTuple_SET_ITEM */
  return PyLong_FromLong(n);
}

DEFINE_MODULE(m, {"swap_in", swap_in, METH_VARARGS, NULL})
