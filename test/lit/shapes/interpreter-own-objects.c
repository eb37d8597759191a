// With the interpreter, a core may make and use objects of its own: here a
// list, and boxes appended to it, which stay calls (they may fail). Only the
// returned box goes. Reference counting stays as the wrapper does it,
// Py_None's included; where the wrapper returns None, the core releases that
// reference (Py_DecRef), as the caller of the wrapper would.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'count_up' (METH_O): Py_ssize_t pyunbox_core_m_count_up(long); raises itself, needs the GIL
// REMARK-DAG: remark: core for 'note' (METH_O): void pyunbox_core_m_note(long); raises itself, needs the GIL

// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_count_up(i64 noundef %0)
// IR: call ptr @PyList_New(
// IR: call ptr @PyLong_FromLong(
// IR: call i32 @PyList_Append(
// IR-NOT: call ptr @PyLong_FromSsize_t(
// IR: ret i64
// IR-LABEL: define {{.*}}void @pyunbox_core_m_note(i64 noundef %0)
// IR: call i32 @PyDict_SetItem(
// IR: phi ptr [ @_Py_NoneStruct,
// IR: call void @Py_DecRef(ptr
// IR: ret void

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *count_up(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  PyObject *list = PyList_New(0);
  if (!list)
    return NULL;
  for (long k = 0; k < (n & 7); k++) {
    PyObject *item = PyLong_FromLong(k);
    if (!item || PyList_Append(list, item) < 0) {
      Py_XDECREF(item);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(item);
  }
  Py_ssize_t size = PyList_GET_SIZE(list);
  Py_DECREF(list);
  return PyLong_FromSsize_t(size + n);
}

static PyObject *seen;

static PyObject *note(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (PyDict_SetItem(seen, Py_None, Py_None) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {{"count_up", count_up, METH_O, NULL},
                                {"note", note, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) {
  seen = PyDict_New();
  return PyModule_Create(&module);
}
