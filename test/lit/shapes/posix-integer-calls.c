// POSIX calls on integers that third-party modules wrap (python-prctl,
// psutil): the C library's, never the interpreter's. Queries (gettid,
// get_nprocs) read the process's state: a core that reads. syscall() and
// prctl() are variadic, and what they do depends on the request: they
// change the process (a bail after one would repeat it, so a core that may
// raise after one raises itself), and with a pointer among their arguments
// they may write memory: the record says "write".
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t/m.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t/m.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'tid' (METH_NOARGS): long pyunbox_core_m_tid(void)
// REMARK-DAG: remark: core for 'nprocs' (METH_NOARGS): long pyunbox_core_m_nprocs(void)
// REMARK-DAG: remark: core for 'pdeathsig' (METH_O): void pyunbox_core_m_pdeathsig(int); raises itself, needs the GIL
// REMARK-DAG: remark: core for 'truncate_fd' (METH_VARARGS): void pyunbox_core_m_truncate_fd(int, long); raises itself, needs the GIL

// RECORD-DAG: "python_name": "tid", {{.*}} "memory": "write"
// RECORD-DAG: "python_name": "nprocs", {{.*}} "memory": "read"

#define _GNU_SOURCE
#include "../Inputs/module.h"
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static PyObject *tid(PyObject *self, PyObject *noargs) {
  return PyLong_FromLong(syscall(SYS_gettid));
}

static PyObject *nprocs(PyObject *self, PyObject *noargs) {
  return PyLong_FromLong(get_nprocs());
}

static PyObject *pdeathsig(PyObject *self, PyObject *arg) {
  int sig = _PyLong_AsInt(arg);
  if (sig == -1 && PyErr_Occurred())
    return NULL;
  if (prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == -1)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

static PyObject *truncate_fd(PyObject *self, PyObject *args) {
  int fd;
  long length;
  if (!PyArg_ParseTuple(args, "il:truncate_fd", &fd, &length))
    return NULL;
  if (ftruncate(fd, length) == -1)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

DEFINE_MODULE(m, {"tid", tid, METH_NOARGS, NULL}, {"nprocs", nprocs, METH_NOARGS, NULL},
                 {"pdeathsig", pdeathsig, METH_O, NULL}, {"truncate_fd", truncate_fd, METH_VARARGS, NULL})
