// A query of the process's state (getsid) that fails with errno: it changes
// nothing but errno, so the core bails where the wrapper raises OSError, and
// needs no interpreter. It reads state (getsid's answer changes with setsid),
// so its memory effect is "read", never "none".
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK: remark: core for 'session_of' (METH_O): long pyunbox_core_m_session_of(int, int *); bails where the wrapper raises
// RECORD: "needs_interpreter": false, "memory": "read", "errors": "bail"

#include "../Inputs/module.h"
#include <unistd.h>

static PyObject *session_of(PyObject *module, PyObject *arg) {
  int pid = _PyLong_AsInt(arg);
  if (pid == -1 && PyErr_Occurred())
    return NULL;
  int sid = getsid(pid);
  if (sid < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(sid);
}

DEFINE_MODULE(m, {"session_of", session_of, METH_O, NULL})
