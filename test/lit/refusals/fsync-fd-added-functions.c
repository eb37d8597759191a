// sync_fd(fd) raises for a negative fd in its converter and may raise after
// fsync, which a bail would repeat: only a core that raises itself could
// stand for it, and it would have to redo the converter's raise, which only
// a core that checks its result as CPython does can (shapes/fd-converter.c,
// the same function in a PyModuleDef's table). Here the table is added at
// import, so no core checks its result.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml

// REMARK: remark: no core for 'sync_fd': may raise after changing state that outlives the call (a call of 'fsync'), so a bail would repeat it; raising in the core: '_PyLong_FileDescriptor_Converter' raises for negative values, which only a core that checks its result as CPython does can redo

// KEY: Name: FallibleConverter
// KEY: Function: sync_fd

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *sync_fd(PyObject *module, PyObject *arg) {
  int fd;
  if (!_PyLong_FileDescriptor_Converter(arg, &fd))
    return NULL;
  if (fsync(fd) != 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

DEFINE_MODULE_ADDING_FUNCTIONS(m, {"sync_fd", sync_fd, METH_O, NULL})
