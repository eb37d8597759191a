// A call by name may skip an optional parameter and name a later one:
// f(1, c=5) of f(a, b=2, c=3). Clinic's _PyArg_UnpackKeywords then leaves
// NULL where b goes and noptargs counts the arguments passed; its code tests
// `if (args[1])` and counts noptargs down, so the wrapper gives b its
// default. That is shown for every choice of arguments passed
// (ParameterDefaults.cpp, gapCallsTakeDefaults): 'clinic' and 'many' (four
// optional doubles, each with Clinic's PyFloat_CheckExact arm: more blocks
// than LLVM's reachability query explores) name every parameter. A wrapper
// in Clinic's style that gives b another value when it is skipped
// ('gap_default_differs'), unboxes the NULL ('gap_unboxes_null') or counts
// the passed arguments its own way ('gap_counts', which ignores a named c)
// names none after the first optional one, and a remark says why.
// RUN: %clang_pyunbox -O2 -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t2.o
// RUN: %dump --json %t2.o | FileCheck %s

// CHECK-DAG: "python_name": "clinic", {{.*}}"param_names": ["a", "b", "c"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]
// CHECK-DAG: "python_name": "many", {{.*}}"param_names": ["a", "b", "c", "d", "e"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-or-keyword", "positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true, true, true, true], "param_defaults": [null, 1.5, 2.5, -0.25, 4.0]
// CHECK-DAG: "python_name": "gap_default_differs", {{.*}}"param_names": ["a", "b", "c"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-only"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]
// CHECK-DAG: "python_name": "gap_unboxes_null", {{.*}}"param_names": ["a", "b", "c"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-only"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]
// CHECK-DAG: "python_name": "gap_counts", {{.*}}"param_names": ["a", "b", "c"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-only"], "param_optional": [false, true, true], "param_defaults": [null, 2, 3]

// REMARK: remark: calls of 'gap_default_differs' that pass 'c' by name take the wrapper: a call that skips 'b' and names a later parameter was not shown to give each skipped one its default (Clinic's unpack leaves NULL in its place)
// REMARK-NOT: remark: calls of 'clinic'
// REMARK-NOT: remark: calls of 'many'

#include "../Inputs/module.h"

static PyObject *abc_impl(PyObject *module, long a, long b, long c) {
  return PyLong_FromLong(a * 100 + b * 10 + c);
}

// Clinic's prologue of f(a, b=2, c=3), a unboxed.
#define PROLOGUE(NAME)                                                                            \
  PyObject *return_value = NULL;                                                                  \
  static const char *const _keywords[] = {"a", "b", "c", NULL};                                   \
  static _PyArg_Parser _parser = {NULL, _keywords, NAME, 0};                                      \
  PyObject *argsbuf[3];                                                                           \
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;                    \
  long a;                                                                                         \
  long b = 2;                                                                                     \
  long c = 3;                                                                                     \
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);           \
  if (!args)                                                                                      \
    goto exit;                                                                                    \
  a = PyLong_AsLong(args[0]);                                                                     \
  if (a == -1 && PyErr_Occurred())                                                                \
    goto exit;

#define UNBOX(VAR, K)                                                                             \
  VAR = PyLong_AsLong(args[K]);                                                                   \
  if (VAR == -1 && PyErr_Occurred())                                                              \
    goto exit;

#define FASTCALL_KEYWORDS(NAME)                                                                   \
  static PyObject *NAME(PyObject *module, PyObject *const *args, Py_ssize_t nargs,                \
                        PyObject *kwnames)

// As Clinic writes it.
FASTCALL_KEYWORDS(clinic) {
  PROLOGUE("clinic")
  if (!noptargs)
    goto skip_optional_pos;
  if (args[1]) {
    UNBOX(b, 1)
    if (!--noptargs)
      goto skip_optional_pos;
  }
  UNBOX(c, 2)
skip_optional_pos:
  return_value = abc_impl(module, a, b, c);
exit:
  return return_value;
}

FASTCALL_KEYWORDS(gap_default_differs) {
  PROLOGUE("gap_default_differs")
  if (!noptargs)
    goto skip_optional_pos;
  if (args[1]) {
    UNBOX(b, 1)
    if (!--noptargs)
      goto skip_optional_pos;
  } else {
    b = 7;
  }
  UNBOX(c, 2)
skip_optional_pos:
  return_value = abc_impl(module, a, b, c);
exit:
  return return_value;
}

FASTCALL_KEYWORDS(gap_unboxes_null) {
  PROLOGUE("gap_unboxes_null")
  if (!noptargs)
    goto skip_optional_pos;
  UNBOX(b, 1)
  if (!--noptargs)
    goto skip_optional_pos;
  UNBOX(c, 2)
skip_optional_pos:
  return_value = abc_impl(module, a, b, c);
exit:
  return return_value;
}

FASTCALL_KEYWORDS(gap_counts) {
  PROLOGUE("gap_counts")
  if (!noptargs)
    goto skip_optional_pos;
  if (args[1]) {
    UNBOX(b, 1)
  }
  if (noptargs == 2) {
    UNBOX(c, 2)
  }
skip_optional_pos:
  return_value = abc_impl(module, a, b, c);
exit:
  return return_value;
}

static double many_impl(long a, double b, double c, double d, double e) {
  return a + b * 10 + c * 100 + d * 1000 + e * 10000;
}

#define UNBOX_DOUBLE(VAR, K)                                                                      \
  if (PyFloat_CheckExact(args[K])) {                                                              \
    VAR = PyFloat_AS_DOUBLE(args[K]);                                                             \
  } else {                                                                                        \
    VAR = PyFloat_AsDouble(args[K]);                                                              \
    if (VAR == -1.0 && PyErr_Occurred())                                                          \
      goto exit;                                                                                  \
  }

// Clinic's f(a, b=1.5, c=2.5, d=-0.25, e=4.0).
FASTCALL_KEYWORDS(many) {
  PyObject *return_value = NULL;
  static const char *const _keywords[] = {"a", "b", "c", "d", "e", NULL};
  static _PyArg_Parser _parser = {NULL, _keywords, "many", 0};
  PyObject *argsbuf[5];
  Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  long a;
  double b = 1.5, c = 2.5, d = -0.25, e = 4.0;
  args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 5, 0, argsbuf);
  if (!args)
    goto exit;
  UNBOX(a, 0)
  if (!noptargs)
    goto skip_optional_pos;
  if (args[1]) {
    UNBOX_DOUBLE(b, 1)
    if (!--noptargs)
      goto skip_optional_pos;
  }
  if (args[2]) {
    UNBOX_DOUBLE(c, 2)
    if (!--noptargs)
      goto skip_optional_pos;
  }
  if (args[3]) {
    UNBOX_DOUBLE(d, 3)
    if (!--noptargs)
      goto skip_optional_pos;
  }
  UNBOX_DOUBLE(e, 4)
skip_optional_pos:
  return_value = PyFloat_FromDouble(many_impl(a, b, c, d, e));
exit:
  return return_value;
}

DEFINE_MODULE(m, {"clinic", (PyCFunction)(void (*)(void))clinic, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"gap_default_differs", (PyCFunction)(void (*)(void))gap_default_differs,
               METH_FASTCALL | METH_KEYWORDS, NULL},
              {"gap_unboxes_null", (PyCFunction)(void (*)(void))gap_unboxes_null,
               METH_FASTCALL | METH_KEYWORDS, NULL},
              {"gap_counts", (PyCFunction)(void (*)(void))gap_counts, METH_FASTCALL | METH_KEYWORDS, NULL},
              {"many", (PyCFunction)(void (*)(void))many, METH_FASTCALL | METH_KEYWORDS, NULL})
