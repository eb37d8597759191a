// True or False chosen by a select or a phi, then referenced, then returned:
// `r = x > 0 ? Py_True : Py_False; Py_INCREF(r); return r;` (hand-written
// code; and Cython 3's __Pyx_NewRef(b ? Py_True : Py_False) in PyPy's
// headers, which have no Py_NewRef). The reference is to a singleton
// whichever way it was chosen: the core takes none and returns the _Bool.
// Py_INCREF is a call at -O0 and before the pipeline inlines it, loads and
// a store of ob_refcnt through the select after (full LTO mines the
// optimized module). None on one way and a bool on the other stays mixed.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O0 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -DNDEBUG -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -O2 -I%pyinc -emit-llvm -c %s -o %t.bc
// RUN: %opt_pyunbox -passes=pyunbox %opt_remarks -disable-output %t.bc 2>&1 | FileCheck %s --check-prefix=OPT

// CHECK-DAG: remark: core for 'is_pos' (METH_O): _Bool pyunbox_core_m_is_pos(long)
// CHECK-DAG: remark: core for 'is_neg' (METH_O): _Bool pyunbox_core_m_is_neg(double)
// CHECK-DAG: remark: no core for 'sign_of': returns both _Bool and void results

// OPT-DAG: core for 'is_pos' (METH_O): _Bool pyunbox_core_m_is_pos(long)
// OPT-DAG: core for 'is_neg' (METH_O): _Bool pyunbox_core_m_is_neg(double)

#include "../Inputs/module.h"

static PyObject *is_pos(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  PyObject *r = x > 0 ? Py_True : Py_False;
  Py_INCREF(r);
  return r;
}

static PyObject *is_neg(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  PyObject *r;
  if (x < 0)
    r = Py_True;
  else
    r = Py_False;
  Py_INCREF(r);
  return r;
}

static PyObject *sign_of(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  PyObject *r = x < 0 ? Py_True : x > 0 ? Py_False : Py_None;
  Py_INCREF(r);
  return r;
}

DEFINE_MODULE(m, {"is_pos", is_pos, METH_O, NULL}, {"is_neg", is_neg, METH_O, NULL},
              {"sign_of", sign_of, METH_O, NULL})
