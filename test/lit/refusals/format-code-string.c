// PyArg_ParseTuple's string units that are not the bytes of the argument
// alone: "z*" (None gives a NULL buffer), "es" (a copy the wrapper must
// free). Cores take "s", "s#", "y" and "y#", and "z" and "z#"
// (shapes/string-arguments.c), and "s*" and "y*" (shapes/buffer-arguments.c).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK-DAG: remark: no core for 'buffer_length': '_PyArg_ParseTuple_SizeT' format "z*" has code 'z', which does not unbox a C scalar
// REMARK-DAG: remark: no core for 'encoded_length': '_PyArg_ParseTuple_SizeT' format "es" has code 'e', which does not unbox a C scalar

// KEY: Name: UnsupportedFormat
// KEY: Function: buffer_length

// IR: define internal {{.*}}ptr @buffer_length(

#include "../Inputs/module.h"
#include <string.h>

static PyObject *buffer_length(PyObject *self, PyObject *args) {
  Py_buffer b;
  if (!PyArg_ParseTuple(args, "z*", &b))
    return NULL;
  Py_ssize_t n = b.len;
  PyBuffer_Release(&b);
  return PyLong_FromSsize_t(n);
}

static PyObject *encoded_length(PyObject *self, PyObject *args) {
  char *s;
  if (!PyArg_ParseTuple(args, "es", "latin-1", &s))
    return NULL;
  size_t n = strlen(s);
  PyMem_Free(s);
  return PyLong_FromSize_t(n);
}

DEFINE_MODULE(m, {"buffer_length", buffer_length, METH_VARARGS, NULL},
              {"encoded_length", encoded_length, METH_VARARGS, NULL})
