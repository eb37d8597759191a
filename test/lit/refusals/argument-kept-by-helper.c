// A converter that takes a reference to its argument before it unboxes it
// (posix's path_converter keeps the object for later): refused for that
// reference, while its twin that only unboxes gets a core. The look before
// any helper is inlined (KeptArguments.cpp) makes this refusal, with the
// reason the full analysis gives; test/unit/KeptArgumentsTest.cpp checks the
// look itself.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core_m_keep_fd --implicit-check-not=pyunbox.body

// REMARK: remark: no core for 'keep_fd': argument 1 is used for more than unboxing (a call of 'Py_INCREF')
// REMARK: remark: core for 'plain_fd' (METH_FASTCALL): long pyunbox_core_m_plain_fd(long)

// KEY: Name: ArgumentEscapes
// KEY: Function: keep_fd

// IR: define internal {{.*}}ptr @keep_fd(

#include "../Inputs/module.h"

typedef struct {
  PyObject *object;
  int fd;
} fd_t;

static int fd_converter(PyObject *o, fd_t *out) {
  out->object = NULL;
  if (o == NULL)
    return 1;
  Py_INCREF(o);
  out->object = o;
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return 0;
  out->fd = (int)v;
  return 1;
}

static int plain_converter(PyObject *o, int *out) {
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return 0;
  *out = (int)v;
  return 1;
}

static PyObject *keep_fd(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  fd_t fd;
  PyObject *r = NULL;
  if (nargs != 1)
    return NULL;
  if (!fd_converter(args[0], &fd))
    goto exit;
  r = PyLong_FromLong(fd.fd + 1);
exit:
  Py_XDECREF(fd.object);
  return r;
}

static PyObject *plain_fd(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  int fd;
  if (nargs != 1)
    return NULL;
  if (!plain_converter(args[0], &fd))
    return NULL;
  return PyLong_FromLong(fd + 1);
}

DEFINE_MODULE(m, {"keep_fd", (PyCFunction)keep_fd, METH_FASTCALL, NULL},
                 {"plain_fd", (PyCFunction)plain_fd, METH_FASTCALL, NULL})
