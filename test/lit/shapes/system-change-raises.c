// A system call that changes the process (setpgid) and may then fail: a bail
// would repeat the change, so the core raises itself with the GIL held
// (pyerr). `return PyErr_SetFromErrno(...)` returns the raise's NULL.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK: remark: core for 'join_group' (METH_FASTCALL): void pyunbox_core_m_join_group(int, int); raises itself, needs the GIL
// RECORD: "needs_interpreter": true, "memory": "write", "errors": "pyerr"

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *join_group(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  int pid, pgrp;
  if (!_PyArg_ParseStack(args, nargs, "ii:join_group", &pid, &pgrp))
    return NULL;
  if (setpgid(pid, pgrp) < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"join_group", (PyCFunction)(void (*)(void))join_group, METH_FASTCALL, NULL})
