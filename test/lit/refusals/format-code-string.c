// PyArg_ParseTuple's string units that are not the bytes of the argument
// alone: "z*" (None gives a NULL buffer), "es" (a copy the wrapper must
// free), and "C" and "c", a character's code or byte (an int the wrapper
// gets from a str or a bytes, which no record kind stands for); each
// remark says what the unit takes. Cores take "s", "s#", "y" and "y#", and "z" and "z#"
// (shapes/string-arguments.c), and "s*" and "y*" (shapes/buffer-arguments.c).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK-DAG: remark: no core for 'buffer_length': '_PyArg_ParseTuple_SizeT' format "z*" has code 'z*', which fills a view of a buffer, or an empty one for None, which no record kind stands for
// REMARK-DAG: remark: no core for 'encoded_length': '_PyArg_ParseTuple_SizeT' format "es" has code 'es', which allocates an encoded copy of the string, which the wrapper must free
// REMARK-DAG: remark: no core for 'code_point': '_PyArg_ParseTuple_SizeT' format "C:code_point" has code 'C', which takes a str of one character as its code point: no record kind stands for a one-character argument
// REMARK-DAG: remark: no core for 'byte_value': '_PyArg_ParseTuple_SizeT' format "c" has code 'c', which takes a bytes or bytearray of length 1 as a C char: no record kind stands for a one-byte argument

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

static PyObject *code_point(PyObject *self, PyObject *args) {
  int c;
  if (!PyArg_ParseTuple(args, "C:code_point", &c))
    return NULL;
  return PyLong_FromLong(c < 128);
}

static PyObject *byte_value(PyObject *self, PyObject *args) {
  char c;
  if (!PyArg_ParseTuple(args, "c", &c))
    return NULL;
  return PyLong_FromLong((unsigned char)c);
}

DEFINE_MODULE(m, {"buffer_length", buffer_length, METH_VARARGS, NULL},
              {"encoded_length", encoded_length, METH_VARARGS, NULL},
              {"code_point", code_point, METH_VARARGS, NULL},
              {"byte_value", byte_value, METH_VARARGS, NULL})
