// The kind of one of Cython's integer conversions comes from its body
// (CythonConversions.cpp), not its name: its width is its IR type's, its
// signedness that of the C-API readers it calls once its constants are
// folded (the template's `is_unsigned = (T)-1 > 0`, here an enum's), itself
// or through the module's own functions (3.3 dispatches to a signed and an
// unsigned helper). A From_ is signed or not as the extension of what it
// hands a C-API boxer. Where the readers disagree, nothing is decided and a
// name that spells no type leaves the conversion a helper, which the draft
// inlines: the wrapper is then judged by what that does.
// Reduced by hand from Cython 0.29's and 3.3's CIntFromPy/CIntToPy for
//     cdef enum Color: RED = 1      (unsigned int)
//     cdef enum Delta: DOWN = -1    (int)
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'color' (METH_O): unsigned int pyunbox_core_m_color(unsigned int)
// CHECK-DAG: remark: core for 'delta' (METH_O): int pyunbox_core_m_delta(int)
// CHECK-DAG: remark: no core for 'mixed': argument 1 is unboxed both as long and as unsigned long

#include "../Inputs/module.h"

enum Color { RED = 1 };
enum Delta { DOWN = -1 };
enum Mixed { M = 1 };

// The template's shape: both ways are there until is_unsigned is folded.
#define CONVERT(T, NAME, READ)                                                                    \
  static T NAME(PyObject *x) {                                                                    \
    const T neg_one = (T)-1, const_zero = (T)0;                                                   \
    const int is_unsigned = neg_one > const_zero;                                                 \
    if (!PyLong_Check(x)) {                                                                       \
      PyErr_SetString(PyExc_TypeError, "an integer is required");                                 \
      return (T)-1;                                                                               \
    }                                                                                             \
    return READ;                                                                                  \
  }

// 3.3's dispatch: the reading is in the module's own helpers.
static unsigned long read_unsigned(PyObject *x) {
  unsigned long v = PyLong_AsUnsignedLong(x);
  if (v > 0xffffffffUL && !PyErr_Occurred())
    PyErr_SetString(PyExc_OverflowError, "value too large");
  return v;
}
static long read_signed(PyObject *x) {
  long v = PyLong_AsLong(x);
  if ((v < -0x80000000L || v > 0x7fffffffL) && !PyErr_Occurred())
    PyErr_SetString(PyExc_OverflowError, "value too large");
  return v;
}

CONVERT(enum Color, __Pyx_PyInt_As_enum__Color,
        is_unsigned ? (enum Color)read_unsigned(x) : (enum Color)read_signed(x))
CONVERT(enum Delta, __Pyx_PyInt_As_enum__Delta,
        is_unsigned ? (enum Delta)read_unsigned(x) : (enum Delta)read_signed(x))
// Readers of both signs whatever is_unsigned says: not decided.
CONVERT(enum Mixed, __Pyx_PyInt_As_enum__Mixed,
        (enum Mixed)(PyLong_AsLong(x) + (long)PyLong_AsUnsignedLong(x)))

// The way back: the value zero- or sign-extended to the boxer's long.
#define BOX(T, NAME)                                                                              \
  static PyObject *NAME(T value) {                                                                \
    const T neg_one = (T)-1, const_zero = (T)0;                                                   \
    const int is_unsigned = neg_one > const_zero;                                                 \
    if (is_unsigned)                                                                              \
      return PyLong_FromLong((long)(unsigned int)value);                                          \
    return PyLong_FromLong((long)(int)value);                                                     \
  }

BOX(enum Color, __Pyx_PyInt_From_enum__Color)
BOX(enum Delta, __Pyx_PyInt_From_enum__Delta)

static PyObject *color(PyObject *self, PyObject *arg) {
  enum Color c = __Pyx_PyInt_As_enum__Color(arg);
  if (c == (enum Color)-1 && PyErr_Occurred())
    return NULL;
  return __Pyx_PyInt_From_enum__Color(c);
}

static PyObject *delta(PyObject *self, PyObject *arg) {
  enum Delta d = __Pyx_PyInt_As_enum__Delta(arg);
  if (d == (enum Delta)-1 && PyErr_Occurred())
    return NULL;
  return __Pyx_PyInt_From_enum__Delta(d);
}

static PyObject *mixed(PyObject *self, PyObject *arg) {
  enum Mixed m = __Pyx_PyInt_As_enum__Mixed(arg);
  if (m == (enum Mixed)-1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(m);
}

DEFINE_MODULE(m, {"color", color, METH_O, NULL}, {"delta", delta, METH_O, NULL},
              {"mixed", mixed, METH_O, NULL})
