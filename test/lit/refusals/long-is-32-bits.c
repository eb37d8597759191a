// On a 32-bit target long is 32 bits, and PyLong_AsLong returns an i32 where
// a record's `long` is the LP64 i64: the pass makes no core for any target
// but 64-bit ELF x86-64 and AArch64 (refusals/unsupported-target.c), and
// the object builds. The test declares the few pieces of the C API it uses
// as a 32-bit CPython's headers do, so it needs no 32-bit headers.
// RUN: %clang_pyunbox --target=i686-linux-gnu -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TARGET --implicit-check-not=remark:
// RUN: %clang_pyunbox --target=i686-linux-gnu -O2 %remarks %remarks_yaml=%t.yaml -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=TARGET --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=TARGET-KEY --match-full-lines < %t.yaml
//
// The same declaration on x86-64 (a project's own wrong prototype): a
// boundary call whose IR type is not the C API's. The pass refuses rather
// than guess which width the callee returns.
// RUN: %clang_pyunbox --target=x86_64-linux-gnu -DRESULT=int -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TYPE --implicit-check-not=remark:
// RUN: %clang_pyunbox --target=x86_64-linux-gnu -DRESULT=int -O2 %remarks %remarks_yaml=%t.x86.yaml -c %s -o %t.x86.o 2>&1 | FileCheck %s --check-prefix=TYPE --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=TYPE-KEY --match-full-lines < %t.x86.yaml

// TARGET: remark: no core for 'inc': pyunbox makes cores for 64-bit ELF targets where long is 64 bits (x86-64, AArch64), not 'i686-unknown-linux-gnu'
// TARGET-KEY: Name: UnsupportedTarget
// TARGET-KEY: Function: inc

// TYPE: remark: no core for 'inc': 'PyLong_AsLong' returns an unexpected IR type
// TYPE-KEY: Name: UnexpectedType
// TYPE-KEY: Function: inc

#ifndef RESULT
#define RESULT long
#endif

typedef struct _object PyObject;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef struct PyMethodDef {
  const char *ml_name;
  PyCFunction ml_meth;
  int ml_flags;
  const char *ml_doc;
} PyMethodDef;
#define METH_O 0x0008
RESULT PyLong_AsLong(PyObject *);
PyObject *PyLong_FromLong(long);
PyObject *PyErr_Occurred(void);

static PyObject *inc(PyObject *self, PyObject *arg) {
  RESULT n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return 0;
  return PyLong_FromLong(n + 1);
}

PyMethodDef inc_methods[] = {{"inc", inc, METH_O, 0}, {0, 0, 0, 0}};
