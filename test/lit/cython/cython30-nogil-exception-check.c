// Cython 3.0's `cpdef double f(double x) nogil` (no `noexcept`): the C
// function may raise, so its wrapper checks a -1 result for an exception,
// taking the GIL for the look (__Pyx_ErrOccurredWithGIL: PyGILState_Ensure,
// PyErr_Occurred, PyGILState_Release). No exception is set in a core's
// calls, and a state that goes only to its release leaves nothing behind:
// both GIL calls go, as Py_BEGIN/END_ALLOW_THREADS do. Cython 3.0 is not
// packaged here, so this mirrors its generated wrapper by hand (reduced to
// the shape).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'twice' (METH_O): double pyunbox_core_m_twice(double)
// REMARK: remark: core for 'stateful' (METH_O): double pyunbox_core_m_stateful(double); raises itself, needs the GIL

// IR-LABEL: define {{.*}}double @pyunbox_core_m_twice(double noundef %0)
// IR-NOT:     call
// IR:         ret double
// IR-LABEL: define {{.*}}double @pyunbox_core_m_stateful(
// IR:         call i32 @PyGILState_Ensure()
// IR:         call void @PyGILState_Release(

#include "../Inputs/module.h"

static int __Pyx_ErrOccurredWithGIL(void) {
  int err;
  PyGILState_STATE _save = PyGILState_Ensure();
  err = !!PyErr_Occurred();
  PyGILState_Release(_save);
  return err;
}

static double __pyx_f_m_twice(double x, int skip_dispatch) { return x * 2; }

static PyObject *twice(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  double r = __pyx_f_m_twice(x, 1);
  if (r == -1.0 && __Pyx_ErrOccurredWithGIL())
    return NULL;
  return PyFloat_FromDouble(r);
}

// A state used for more than its release is no bracket: the calls stay,
// and the core that keeps them needs the interpreter.
static PyObject *stateful(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  PyGILState_STATE s = PyGILState_Ensure();
  PyGILState_Release(s);
  return PyFloat_FromDouble(x + (double)s);
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL}, {"stateful", stateful, METH_O, NULL})
