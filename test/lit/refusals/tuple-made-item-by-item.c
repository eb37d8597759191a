// Tuples made item by item that no core returns: an item that is an
// argument object, an item that is None (no C scalar's object), an item stored only on some paths, an item stored at an
// index that is not a constant, a tuple used for more than returning it (its
// size read), and a 1-tuple (a core would return it through a pointer for
// nothing; PyTuple_New(1) stays a call of the interpreter's).
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml

// REMARK-DAG: remark: no core for 'with_object': returns a tuple made item by item whose item 1 is not a boxed C scalar [
// REMARK-DAG: remark: no core for 'with_none': returns a tuple made item by item whose item 0 is not one kind of C scalar
// REMARK-DAG: remark: no core for 'sometimes': returns a tuple made item by item where not every item is stored ({{.*}} may not run)
// REMARK-DAG: remark: no core for 'indexed': returns a tuple made item by item whose item 0 is not stored with a constant index
// REMARK-DAG: remark: no core for 'sized': calls '{{_?}}PyTuple_GET_SIZE' for well-typed arguments
// REMARK-DAG: remark: no core for 'one': calls '{{_?}}PyTuple_New' for well-typed arguments

// KEY: Name: ReturnsObject
// KEY: Function: with_object

#include "../Inputs/module.h"

static PyObject *with_object(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a));
  Py_INCREF(arg);
  PyTuple_SET_ITEM(t, 1, arg);
  return t;
}

static PyObject *with_none(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  Py_INCREF(Py_None);
  PyTuple_SET_ITEM(t, 0, Py_None);
  PyTuple_SET_ITEM(t, 1, PyLong_FromLong(a));
  return t;
}

static PyObject *sometimes(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a));
  if (a > 0)
    PyTuple_SET_ITEM(t, 1, PyLong_FromLong(-a));
  return t;
}

static PyObject *indexed(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  for (Py_ssize_t i = 0; i < 2; i++)
    PyTuple_SET_ITEM(t, i, PyLong_FromLong(a + i));
  return t;
}

static PyObject *sized(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(2);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a));
  PyTuple_SET_ITEM(t, 1, PyLong_FromLong(PyTuple_GET_SIZE(t)));
  return t;
}

static PyObject *one(PyObject *self, PyObject *arg) {
  long a = PyLong_AsLong(arg);
  if (a == -1 && PyErr_Occurred())
    return NULL;
  PyObject *t = PyTuple_New(1);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a));
  return t;
}

DEFINE_MODULE(m, {"with_object", with_object, METH_O, NULL}, {"with_none", with_none, METH_O, NULL}, {"sometimes", sometimes, METH_O, NULL},
              {"indexed", indexed, METH_O, NULL}, {"sized", sized, METH_O, NULL},
              {"one", one, METH_O, NULL})
