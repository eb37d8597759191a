// PyArg_ParseTuple with "O": the object is argument k only where the wrapper
// unboxes it afterwards and nothing else can change the variable
// (shapes/parse-tuple-object-unit.c). Otherwise no core, and the remark says
// what stood in the way: an object never unboxed, one used for more than
// unboxing, a variable written after the parse or whose address goes
// elsewhere, and "O!", whose type check is not modelled. A unit refused
// after one that was understood names its own reason: the first one's reads
// are not left as arguments of a parse that has none (psycopg2's
// executemany was refused as "reads argument 1 of its array, past the 0").
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK-DAG: remark: no core for 'first': argument 1 is never unboxed to a C scalar
// REMARK-DAG: remark: no core for 'iterates': argument 1 is used for more than unboxing (a call of 'PyObject_GetIter')
// REMARK-DAG: remark: no core for 'replaced': '_PyArg_ParseTuple_SizeT' format "|O" has code 'O' for argument 1, whose variable is written after the parse
// REMARK-DAG: remark: no core for 'handed': '_PyArg_ParseTuple_SizeT' format "O" has code 'O' for argument 1, whose variable has its address taken for more than the parse (a call of 'settle')
// REMARK-DAG: remark: no core for 'second': '_PyArg_ParseTuple_SizeT' format "OO" has code 'O' for argument 2, whose variable is written after the parse
// REMARK-DAG: remark: no core for 'typed': '_PyArg_ParseTuple_SizeT' format "O!" has code 'O!', which takes the object itself (of a type it checks), not a C scalar

// KEY-DAG: Name: ArgumentNotUnboxed
// KEY-DAG: Name: ArgumentEscapes
// KEY-DAG: Name: UnsupportedFormat

// IR: define internal {{.*}}ptr @first(

#include "../Inputs/module.h"

static PyObject *first(PyObject *self, PyObject *args) {
  PyObject *o;
  long n;
  if (!PyArg_ParseTuple(args, "Ol", &o, &n))
    return NULL;
  return PyLong_FromLong(n);
}

static PyObject *iterates(PyObject *self, PyObject *args) {
  PyObject *o;
  if (!PyArg_ParseTuple(args, "O", &o))
    return NULL;
  PyObject *it = PyObject_GetIter(o);
  if (!it)
    return NULL;
  Py_DECREF(it);
  return PyLong_FromLong(1);
}

static PyObject *replaced(PyObject *self, PyObject *args) {
  PyObject *o = NULL;
  if (!PyArg_ParseTuple(args, "|O", &o))
    return NULL;
  if (o == NULL)
    o = PyLong_FromLong(3);
  else
    Py_INCREF(o);
  long v = PyLong_AsLong(o);
  Py_DECREF(o);
  return PyLong_FromLong(v);
}

__attribute__((noinline)) void settle(PyObject **o);
static PyObject *handed(PyObject *self, PyObject *args) {
  PyObject *o;
  if (!PyArg_ParseTuple(args, "O", &o))
    return NULL;
  settle(&o);
  return PyLong_FromLong(PyLong_AsLong(o));
}

static PyObject *second(PyObject *self, PyObject *args) {
  PyObject *a, *b, *it = NULL;
  if (!PyArg_ParseTuple(args, "OO", &a, &b))
    return NULL;
  if (!PyIter_Check(b)) {
    b = it = PyObject_GetIter(b);
    if (!it)
      return NULL;
  }
  long n = PyLong_AsLong(a);
  Py_XDECREF(it);
  return PyLong_FromLong(n);
}

static PyObject *typed(PyObject *self, PyObject *args) {
  PyObject *o;
  if (!PyArg_ParseTuple(args, "O!", &PyFloat_Type, &o))
    return NULL;
  return PyFloat_FromDouble(PyFloat_AS_DOUBLE(o) * 2);
}

DEFINE_MODULE(m, {"first", first, METH_VARARGS, NULL}, {"iterates", iterates, METH_VARARGS, NULL},
              {"replaced", replaced, METH_VARARGS, NULL}, {"handed", handed, METH_VARARGS, NULL},
              {"second", second, METH_VARARGS, NULL}, {"typed", typed, METH_VARARGS, NULL})
