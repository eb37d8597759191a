// A test of an argument for a type no consumer passes an object of (the
// module's own type, bytearray; not int, bool, float, str, bytes or
// NoneType) is false of every object a fast path passes, whatever the kind:
// an exact int, bool, float, str or bytes is of none of them. So gmpy2's
// `if (MPZ_Check(x)) ... else if (PyLong_Check(x))` keeps the int's way. A
// subtype test of object is true. A test for a type a consumer does pass
// (PyUnicode_Type of a number) stays refused (TypeCheckOfOtherKind).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o %t0.o 2>&1 | FileCheck %s
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t2.o 2>&1 | FileCheck %s
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC -Rpass=pyunbox -Rpass-missed=pyunbox -c %s -o %tp.o 2>&1 | FileCheck %s

// CHECK-DAG: remark: core for 'own_type_first' (METH_O): long pyunbox_core_m_own_type_first(long)
// CHECK-DAG: remark: core for 'exact_own_type' (METH_O): double pyunbox_core_m_exact_own_type(double)
// CHECK-DAG: remark: core for 'bytearray_first' (METH_O): long pyunbox_core_m_bytearray_first(long)
// CHECK-DAG: remark: core for 'object_subtype' (METH_O): long pyunbox_core_m_object_subtype(long)
// CHECK-DAG: remark: no core for 'str_test': tests the type of argument 1 {{.*}}but unboxes it as long

#include "../Inputs/module.h"

static PyTypeObject Box_Type = {PyVarObject_HEAD_INIT(NULL, 0) "m.Box", sizeof(PyObject)};

static PyObject *own_type_first(PyObject *self, PyObject *o) {
  if (PyObject_TypeCheck(o, &Box_Type))
    return PyLong_FromLong(-1);
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v * 3);
}

static PyObject *exact_own_type(PyObject *self, PyObject *o) {
  if (Py_TYPE(o) == &Box_Type)
    return PyFloat_FromDouble(0.5);
  double d = PyFloat_AsDouble(o);
  if (d == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(d * 2);
}

static PyObject *bytearray_first(PyObject *self, PyObject *o) {
  if (PyByteArray_Check(o))
    return PyLong_FromLong(PyByteArray_GET_SIZE(o));
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(v + 1);
}

static PyObject *object_subtype(PyObject *self, PyObject *o) {
  if (!PyObject_TypeCheck(o, &PyBaseObject_Type))
    return NULL;
  return PyLong_FromLong(PyLong_AsLong(o));
}

static PyObject *str_test(PyObject *self, PyObject *o) {
  if (PyUnicode_CheckExact(o))
    return PyLong_FromLong(0);
  return PyLong_FromLong(PyLong_AsLong(o));
}

DEFINE_MODULE(m, {"own_type_first", own_type_first, METH_O, NULL},
              {"exact_own_type", exact_own_type, METH_O, NULL},
              {"bytearray_first", bytearray_first, METH_O, NULL},
              {"object_subtype", object_subtype, METH_O, NULL}, {"str_test", str_test, METH_O, NULL})
