// A converter that hands its argument to code outside the module before it
// unboxes it (here it logs the object in a list, as a cache would keep it):
// refused for that call, while its twins get cores: one that only unboxes,
// and one that takes a reference and releases it again on every path
// (posix's path_converter's way; neutral: ArgumentReferences.cpp). The look
// before any helper is inlined (KeptArguments.cpp) makes the refusal, with
// the reason the full analysis gives; test/unit/KeptArgumentsTest.cpp checks
// the look itself.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core_m_log_fd --implicit-check-not=pyunbox.body

// REMARK: remark: no core for 'log_fd': argument 1 is used for more than unboxing (a call of 'PyList_Append')
// REMARK: remark: core for 'keep_fd' (METH_FASTCALL): long pyunbox_core_m_keep_fd(long)
// REMARK: remark: core for 'plain_fd' (METH_FASTCALL): long pyunbox_core_m_plain_fd(long)

// KEY: Name: ArgumentEscapes
// KEY: Function: log_fd

// IR: define internal {{.*}}ptr @log_fd(

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

static PyObject *seen; // a list, made at import

static int logging_converter(PyObject *o, int *out) {
  if (PyList_Append(seen, o) < 0)
    return 0;
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred())
    return 0;
  *out = (int)v;
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

static PyObject *log_fd(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  int fd;
  if (nargs != 1)
    return NULL;
  if (!logging_converter(args[0], &fd))
    return NULL;
  return PyLong_FromLong(fd + 1);
}

static PyObject *plain_fd(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  int fd;
  if (nargs != 1)
    return NULL;
  if (!plain_converter(args[0], &fd))
    return NULL;
  return PyLong_FromLong(fd + 1);
}

DEFINE_MODULE(m, {"log_fd", (PyCFunction)log_fd, METH_FASTCALL, NULL},
                 {"keep_fd", (PyCFunction)keep_fd, METH_FASTCALL, NULL},
                 {"plain_fd", (PyCFunction)plain_fd, METH_FASTCALL, NULL})
