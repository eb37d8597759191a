// Argument Clinic's converters of one argument: unsigned types (not
// bitwise) go through _PyLong_UnsignedInt_Converter(arg, &out) and friends,
// which store the value (every unsigned int is some int's); Py_ssize_t goes
// through _PyNumber_Index, whose result (an int: the argument itself) is
// unboxed by PyLong_AsSsize_t and released. What this file declares mirrors
// CPython 3.11's own declarations (Include/cpython/longobject.h, abstract.h).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'mix' (METH_FASTCALL): Py_ssize_t pyunbox_core_m_mix(unsigned int, Py_ssize_t)
// A converter is an unboxing of its own (the cheap look before drafting
// knows it): 'half' has no other.
// REMARK-DAG: remark: core for 'half' (METH_O): unsigned long pyunbox_core_m_half(unsigned int)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_mix(i32 noundef %0, i64 noundef %1)
// IR-NOT: call
// IR: ret i64

#include "../Inputs/module.h"

PyAPI_FUNC(int) _PyLong_UnsignedInt_Converter(PyObject *, void *);
PyAPI_FUNC(PyObject *) _PyNumber_Index(PyObject *);

static Py_ssize_t mix_impl(PyObject *module, unsigned int flags, Py_ssize_t n) {
  return n * 2 + (Py_ssize_t)(flags & 0xff);
}

static PyObject *mix(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *return_value = NULL;
  unsigned int flags;
  Py_ssize_t n;
  Py_ssize_t _return_value;

  if (!_PyArg_CheckPositional("mix", nargs, 2, 2))
    goto exit;
  if (!_PyLong_UnsignedInt_Converter(args[0], &flags))
    goto exit;
  {
    Py_ssize_t ival = -1;
    PyObject *iobj = _PyNumber_Index(args[1]);
    if (iobj != NULL) {
      ival = PyLong_AsSsize_t(iobj);
      Py_DECREF(iobj);
    }
    if (ival == -1 && PyErr_Occurred())
      goto exit;
    n = ival;
  }
  _return_value = mix_impl(module, flags, n);
  if ((_return_value == -1) && PyErr_Occurred())
    goto exit;
  return_value = PyLong_FromSsize_t(_return_value);
exit:
  return return_value;
}

static PyObject *half(PyObject *module, PyObject *arg) {
  unsigned int x;
  if (!_PyLong_UnsignedInt_Converter(arg, &x))
    return NULL;
  return PyLong_FromUnsignedLong(x / 2);
}

DEFINE_MODULE(m, {"mix", (PyCFunction)(void (*)(void))mix, METH_FASTCALL, NULL},
                 {"half", half, METH_O, NULL})
