// A wrapper that calls code that may use the interpreter (ioctl) could
// still get a core that uses it, with the GIL held, where that core checks
// its result as CPython does: for a module's function against CPython's
// headers. Elsewhere the remark says what else such a core would meet (a
// type's method's self, whose key it then has), or why none is made
// (against PyPy's headers).
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,CPY --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,PYPY --implicit-check-not=remark:

// CHECK-DAG: remark: no core for 'address': calls 'ioctl', which reaches code outside this module that may use the interpreter; with the interpreter: uses self ('getelementptr')
// CHECK-DAG: remark: no core for 'offset': uses self ('getelementptr')
// CPY-DAG: remark: core for 'probe' (METH_VARARGS): long pyunbox_core_m_probe(int); raises itself, needs the GIL
// PYPY-DAG: remark: no core for 'probe': calls 'ioctl', which reaches code outside this module that may use the interpreter; a core that needs the interpreter is made only against CPython's headers (it checks its result as CPython does)

// KEY: Name: UsesSelf
// KEY: Function: address

#include "../Inputs/module.h"
#include <sys/ioctl.h>

typedef struct {
  PyObject_HEAD
  int fd;
} Device;

static PyObject *address(Device *self, PyObject *args) {
  int addr;
  if (!PyArg_ParseTuple(args, "i", &addr))
    return NULL;
  int r = ioctl(self->fd, 0x703, addr);
  if (r < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(r);
}

static PyObject *offset(Device *self, PyObject *args) {
  int addr;
  if (!PyArg_ParseTuple(args, "i", &addr))
    return NULL;
  return PyLong_FromLong(self->fd + addr);
}

static PyObject *probe(PyObject *self, PyObject *args) {
  int addr;
  if (!PyArg_ParseTuple(args, "i", &addr))
    return NULL;
  int r = ioctl(3, 0x703, addr);
  if (r < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(r);
}

static PyMethodDef device_methods[] = {{"address", (PyCFunction)address, METH_VARARGS, NULL},
                                       {"offset", (PyCFunction)offset, METH_VARARGS, NULL},
                                       {NULL, NULL, 0, NULL}};
static PyTypeObject DeviceType = {PyVarObject_HEAD_INIT(NULL, 0).tp_name = "m.Device",
                                  .tp_basicsize = sizeof(Device), .tp_methods = device_methods};

static PyMethodDef methods[] = {{"probe", probe, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) {
  if (PyType_Ready(&DeviceType) < 0)
    return NULL;
  return PyModule_Create(&module);
}
