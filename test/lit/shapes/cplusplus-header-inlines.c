// The same C compiled as C++ (kiwisolver, greenlet): the headers' static
// inline functions (Py_IS_TYPE, Py_TYPE, PyType_HasFeature, Py_INCREF, ...)
// then have internal linkage and mangled names
// (_ZL10Py_IS_TYPEP7_objectP11_typeobject). Such a function at namespace
// scope is the C API's of its base name; one of a namespace or class is not.
// RUN: %clang_pyunbox -x c++ -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -x c++ -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang -x c++ -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: core for 'weigh' (METH_VARARGS): double pyunbox_core_m_weigh(double, double) [
// CHECK-DAG: remark: core for 'count' (METH_O): long pyunbox_core_m_count(long) [
// CHECK-DAG: remark: core for 'lookalike' (METH_O): long pyunbox_core_m_lookalike(long) [

#include "../Inputs/module.h"

// kiwisolver's convert_to_double: PyFloat_Check and PyLong_Check are calls
// of the mangled inline functions at -O0.
static bool convert_to_double(PyObject *obj, double &out) {
  if (PyFloat_Check(obj)) {
    out = PyFloat_AS_DOUBLE(obj);
    return true;
  }
  if (PyLong_Check(obj)) {
    out = PyLong_AsDouble(obj);
    return !(out == -1.0 && PyErr_Occurred());
  }
  PyErr_Format(PyExc_TypeError, "Expected float, got %s", Py_TYPE(obj)->tp_name);
  return false;
}

static PyObject *weigh(PyObject *self, PyObject *args) {
  PyObject *pya, *pyb;
  double a, b;
  if (!PyArg_ParseTuple(args, "OO", &pya, &pyb))
    return NULL;
  if (!convert_to_double(pya, a) || !convert_to_double(pyb, b))
    return NULL;
  return PyFloat_FromDouble(a * b);
}

// Reference counting of the argument, in pairs.
static PyObject *count(PyObject *self, PyObject *arg) {
  Py_INCREF(arg);
  long v = PyLong_AsLong(arg);
  Py_DECREF(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v + 1);
}

// A function of the module's own namespace with the C API's name is not it:
// this Py_INCREF takes no reference (as the C API's, unreleased, it would
// keep the argument).
namespace mine {
__attribute__((noinline)) static void(Py_INCREF)(PyObject *o) { (void)o; }
} // namespace mine

static PyObject *lookalike(PyObject *self, PyObject *arg) {
  (mine::Py_INCREF)(arg); // not the macro of PyPy's headers
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 2);
}

DEFINE_MODULE(m, {"weigh", weigh, METH_VARARGS, NULL}, {"count", count, METH_O, NULL},
              {"lookalike", lookalike, METH_O, NULL})
