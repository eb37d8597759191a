// The float fast path PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o)
// unboxes o as a double: both arms are o's value, so the type check and the
// direct read of ob_fval are gone from the core. PyPy's headers spell it
// differently: the check is an inline o->ob_type == &PyFloat_Type and
// PyFloat_AS_DOUBLE a call of PyPyFloat_AS_DOUBLE; the same core.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang -O0 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=PYPY

// REMARK: remark: core for 'half' (METH_O): double pyunbox_core_m_half(double)
// REMARK: remark: core for 'half_reversed' (METH_O): double pyunbox_core_m_half_reversed(double)
// Where the fast arm gives another value, the check stays and PyFloat_AS_DOUBLE
// is a read of the object: no unboxing.
// REMARK: remark: no core for 'not_the_same': argument 1 is used for more than unboxing ({{.+}})
// So where the slow arm does more than convert: a float would run it in the
// core (a count of conversions, a clamp that returns early).
// REMARK: remark: no core for 'counted': argument 1 is used for more than unboxing ({{.+}})
// REMARK: remark: no core for 'clamped': argument 1 is used for more than unboxing ({{.+}})

// IR-LABEL: define internal {{.*}}ptr @half(ptr
// IR:         @PyFloat_Type
// IR:         call double @PyFloat_AsDouble(
// IR-LABEL: define {{.*}}double @pyunbox_core_m_half(double noundef %0)
// IR-NOT:     {{@_?Py}}
// IR-NOT:     load
// IR:         fmul double %0, 5.000000e-01
// IR-NEXT:    ret double

// PYPY-LABEL: define internal {{.*}}ptr @half(ptr
// PYPY:         icmp eq ptr %{{.*}}, @PyPyFloat_Type
// PYPY:         call double @PyPyFloat_AS_DOUBLE(
// PYPY-LABEL: define {{.*}}double @pyunbox_core_m_half(double noundef %0)
// PYPY-NOT:     {{@_?Py}}
// PYPY-NOT:     load
// PYPY:         fmul double %0, 5.000000e-01
// PYPY-NEXT:    ret double

#include "../Inputs/module.h"

static PyObject *half(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 2);
}

/* The check negated: PyPy's compare is != and the fast arm its false edge. */
static PyObject *half_reversed(PyObject *self, PyObject *arg) {
  double x = !PyFloat_CheckExact(arg) ? PyFloat_AsDouble(arg) : PyFloat_AS_DOUBLE(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 4);
}

static PyObject *not_the_same(PyObject *self, PyObject *arg) {
  double x = PyFloat_CheckExact(arg) ? PyFloat_AS_DOUBLE(arg) + 1 : PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(x / 2);
}

static long conversions;

static PyObject *counted(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_CheckExact(arg)) {
    x = PyFloat_AS_DOUBLE(arg);
  } else {
    x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
      return NULL;
    conversions++;
  }
  return PyFloat_FromDouble(x * 2.0);
}

static PyObject *clamped(PyObject *self, PyObject *arg) {
  double x;
  if (PyFloat_CheckExact(arg)) {
    x = PyFloat_AS_DOUBLE(arg);
  } else {
    x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
      return NULL;
    if (x > 100.0)
      return PyFloat_FromDouble(100.0);
  }
  return PyFloat_FromDouble(x * 2.0);
}

DEFINE_MODULE(m, {"half", half, METH_O, NULL}, {"half_reversed", half_reversed, METH_O, NULL},
              {"not_the_same", not_the_same, METH_O, NULL}, {"counted", counted, METH_O, NULL},
              {"clamped", clamped, METH_O, NULL})
