// Argument Clinic's double converter in METH_FASTCALL: each use reads args[k]
// afresh, and the slow arm checks for an error before it joins. Both arms
// still read the same argument, so the core takes plain doubles.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'lerp' (METH_FASTCALL): double pyunbox_core_m_lerp(double, double, double)

// IR-LABEL: define {{.*}}double @pyunbox_core_m_lerp(double noundef %0, double noundef %1, double noundef %2)
// IR-NOT:     @Py
// IR:         ret double

#include "../Inputs/module.h"

static PyObject *lerp_impl(PyObject *module, double a, double b, double t) {
  return PyFloat_FromDouble(a + (b - a) * t);
}

#define CLINIC_DOUBLE(k, var)                                  \
  if (PyFloat_CheckExact(args[k])) {                           \
    var = PyFloat_AS_DOUBLE(args[k]);                          \
  } else {                                                     \
    var = PyFloat_AsDouble(args[k]);                           \
    if (var == -1.0 && PyErr_Occurred()) {                     \
      goto exit;                                               \
    }                                                          \
  }

static PyObject *lerp(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *return_value = NULL;
  double a, b, t;
  if (nargs != 3 && !_PyArg_CheckPositional("lerp", nargs, 3, 3))
    goto exit;
  CLINIC_DOUBLE(0, a)
  CLINIC_DOUBLE(1, b)
  CLINIC_DOUBLE(2, t)
  return_value = lerp_impl(module, a, b, t);
exit:
  return return_value;
}

DEFINE_MODULE(m, {"lerp", (PyCFunction)(void (*)(void))lerp, METH_FASTCALL, NULL})
