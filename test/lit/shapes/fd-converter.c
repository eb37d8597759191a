// Clinic's `fildes` converter (_PyLong_FileDescriptor_Converter) and
// PyObject_AsFileDescriptor: of an int, its value, but a ValueError for a
// negative one. The core takes an int; for a negative value it bails right
// there, or, when it raises itself, calls the converter on that value boxed,
// as the wrapper did with its argument, to raise the same error.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -S -emit-llvm %s -o - 2>&1 | FileCheck %s --check-prefixes=REMARK,IR

// REMARK-DAG: remark: core for 'twice' (METH_O): long pyunbox_core_m_twice(int, int *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'next_fd' (METH_O): long pyunbox_core_m_next_fd(int, int *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'sync_fd' (METH_O): void pyunbox_core_m_sync_fd(int); raises itself, needs the GIL

// IR-LABEL: define {{.*}} @pyunbox_core_m_twice(
// IR: icmp sgt i32 %0, -1
// IR-NOT: call
// IR: ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_next_fd(
// IR-NOT: call
// IR: ret i64
// IR-LABEL: define {{.*}} @pyunbox_core_m_sync_fd(
// IR: icmp sgt i32 %0, -1
// IR: call ptr @PyLong_FromLong(i64
// IR: call i32 @_PyLong_FileDescriptor_Converter(ptr
// IR: call void @Py_DecRef(ptr
// IR: call i32 @fsync(

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *twice(PyObject *module, PyObject *arg) {
  int fd;
  if (!_PyLong_FileDescriptor_Converter(arg, &fd))
    return NULL;
  return PyLong_FromLong(2L * fd);
}

static PyObject *next_fd(PyObject *module, PyObject *arg) {
  int fd = PyObject_AsFileDescriptor(arg);
  if (fd < 0)
    return NULL;
  return PyLong_FromLong(fd + 1L);
}

static PyObject *sync_fd(PyObject *module, PyObject *arg) {
  int fd;
  if (!_PyLong_FileDescriptor_Converter(arg, &fd))
    return NULL;
  if (fsync(fd) != 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"twice", twice, METH_O, NULL},
                 {"next_fd", next_fd, METH_O, NULL},
                 {"sync_fd", sync_fd, METH_O, NULL})
