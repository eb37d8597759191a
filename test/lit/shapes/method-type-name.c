// A type's methods are recorded with the type's tp_name, and their cores are
// named after it, whether the type is a static PyTypeObject (tp_methods) or
// made from a PyType_Spec (a Py_tp_methods slot): two types' methods of one
// name, and the module's function of that name, are told apart. A table
// that is no type's (the module's) names no type.
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o %remarks 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump %t.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=JSON

// REMARK-DAG: remark: {{.*}}core for 'twice' (METH_O): long pyunbox_core_m_twice(long)
// REMARK-DAG: remark: {{.*}}core for 'twice' (METH_O): long pyunbox_core_m_Counter_twice(long)
// REMARK-DAG: remark: {{.*}}core for 'half' (METH_O): double pyunbox_core_m_Counter_half(double)
// REMARK-DAG: remark: {{.*}}core for 'twice' (METH_O): long pyunbox_core_m_Gauge_twice(long)

// TABLE-DAG: m.twice{{ +}}long pyunbox_core_m_twice(long)
// TABLE-DAG: m.Counter.twice{{ +}}long pyunbox_core_m_Counter_twice(long)
// TABLE-DAG: m.Counter.half{{ +}}double pyunbox_core_m_Counter_half(double)
// TABLE-DAG: m.Gauge.twice{{ +}}long pyunbox_core_m_Gauge_twice(long)

// JSON-DAG: "core_symbol": "pyunbox_core_m_twice", "wrapper_symbol": "twice", "module": "m", "type": "",
// JSON-DAG: "core_symbol": "pyunbox_core_m_Counter_twice", "wrapper_symbol": "counter_twice", "module": "", "type": "m.Counter",
// JSON-DAG: "core_symbol": "pyunbox_core_m_Counter_half", "wrapper_symbol": "counter_half", "module": "", "type": "m.Counter",
// JSON-DAG: "core_symbol": "pyunbox_core_m_Gauge_twice", "wrapper_symbol": "gauge_twice", "module": "", "type": "m.Gauge",

#include "../Inputs/module.h"

static PyObject *scaled(PyObject *arg, long by) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(by * v);
}

static PyObject *counter_twice(PyObject *self, PyObject *arg) { return scaled(arg, 2); }
static PyObject *counter_half(PyObject *cls, PyObject *arg) {
  double v = PyFloat_AsDouble(arg);
  if (v == -1.0 && PyErr_Occurred())
    return NULL;
  return PyFloat_FromDouble(v / 2);
}
static PyMethodDef counter_methods[] = {{"twice", counter_twice, METH_O, NULL},
                                        {"half", counter_half, METH_O | METH_STATIC, NULL},
                                        {NULL, NULL, 0, NULL}};
PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "m.Counter",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = counter_methods,
};

static PyObject *gauge_twice(PyObject *self, PyObject *arg) { return scaled(arg, 3); }
static PyMethodDef gauge_methods[] = {{"twice", gauge_twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyType_Slot gauge_slots[] = {{Py_tp_methods, gauge_methods}, {0, NULL}};
PyType_Spec gauge_spec = {"m.Gauge", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, gauge_slots};

static PyObject *twice(PyObject *module, PyObject *arg) { return scaled(arg, 4); }
DEFINE_MODULE(m, {"twice", twice, METH_O, NULL})
