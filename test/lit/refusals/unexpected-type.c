// A boundary call whose IR type is not the C API's: here PyLong_AsLong
// declared to return int (a wrong prototype of the project's own, as a
// 32-bit header would give it), on x86-64, where the C API's returns an i64.
// The pass refuses rather than guess which width the callee returns.
// RUN: %clang_pyunbox --target=x86_64-linux-gnu -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox --target=x86_64-linux-gnu -O2 %remarks %remarks_yaml=%t.yaml -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'inc': 'PyLong_AsLong' returns an unexpected IR type

// KEY: Name: UnexpectedType
// KEY: Function: inc

typedef struct _object PyObject;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef struct PyMethodDef {
  const char *ml_name;
  PyCFunction ml_meth;
  int ml_flags;
  const char *ml_doc;
} PyMethodDef;
#define METH_O 0x0008
int PyLong_AsLong(PyObject *);
PyObject *PyLong_FromLong(long);
PyObject *PyErr_Occurred(void);

static PyObject *inc(PyObject *self, PyObject *arg) {
  int n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return 0;
  return PyLong_FromLong(n + 1);
}

PyMethodDef inc_methods[] = {{"inc", inc, METH_O, 0}, {0, 0, 0, 0}};
