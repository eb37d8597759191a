// A function whose every parameter is optional, called with none: CPython
// may pass a NULL array (PyObject_CallNoArgs does), for which Clinic's
// _PyArg_UnpackKeywords macro calls the real unpack, and that returns its
// own buffer (getargs.c), never NULL where no keyword is passed and the
// count is in range. The call of none is then the call of the defaults
// ('none_given', both levels). A wrapper whose merge of the array with the
// unpack's result does not test the array (`nargs <= 2 ? args : unpack`)
// passes NULL on where the array is NULL, and gives the call of none
// another result: its first parameter has no default ('unguarded').
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "none_given", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-or-keyword", "positional-or-keyword"], "param_optional": [true, true], "param_defaults": [5, 2.5]
// CHECK-DAG: "python_name": "unguarded", {{.*}}"param_optional": [true, true], "param_defaults": [null, 2.5]

#include "../Inputs/module.h"

static PyObject *ab_impl(long a, double b) { return PyFloat_FromDouble((double)a * 10.0 + b); }

// As Clinic writes f(a=5, b=2.5).
static PyObject *none_given(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                            PyObject *kwnames) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "none_given", 0};
  PyObject *argsbuf[2];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 0;
  long a = 5;
  double b = 2.5;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 0, 2, 0, argsbuf);
  if (!args)
    goto exit;
  if (!noptargs)
    goto skip_optional_pos;
  if (args[0]) {
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred())
      goto exit;
    if (!--noptargs)
      goto skip_optional_pos;
  }
  if (PyFloat_CheckExact(args[1])) {
    b = PyFloat_AS_DOUBLE(args[1]);
  } else {
    b = PyFloat_AsDouble(args[1]);
    if (b == -1.0 && PyErr_Occurred())
      goto exit;
  }
skip_optional_pos:
  return_value = ab_impl(a, b);
exit:
  return return_value;
}

// The array where the count is in range, the unpack's result otherwise:
// a NULL array with no arguments stays NULL, and the wrapper returns 0.0.
static PyObject *unguarded(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
  static const char *const _keywords[] = {"a", "b", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "unguarded", 0};
  PyObject *argsbuf[2];
  long a = 5;
  double b = 2.5;
  args = (kwnames == NULL && nargs <= 2) ? args
                                         : _PyArg_UnpackKeywords(args, nargs, NULL, kwnames,
                                                                 &_parser, 0, 2, 0, argsbuf);
  if (!args)
    return PyFloat_FromDouble(0.0);
  if (nargs < 1)
    goto done;
  a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  if (nargs < 2)
    goto done;
  b = PyFloat_AsDouble(args[1]);
  if (b == -1.0 && PyErr_Occurred())
    return NULL;
done:
  return ab_impl(a, b);
}

DEFINE_MODULE(m,
              {"none_given", (PyCFunction)(void (*)(void))none_given, METH_FASTCALL | METH_KEYWORDS,
               NULL},
              {"unguarded", (PyCFunction)(void (*)(void))unguarded, METH_FASTCALL | METH_KEYWORDS,
               NULL})
