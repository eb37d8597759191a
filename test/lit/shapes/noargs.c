// METH_NOARGS: the core takes no parameters.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'answer' (METH_NOARGS): long pyunbox_core_m_answer(void)

// IR-LABEL: define internal {{.*}}ptr @answer(ptr
// IR:         call ptr @PyLong_FromLong(i64 noundef 42)
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_answer()
// IR-NEXT:    ret i64 42

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *answer(PyObject *self, PyObject *unused) {
  return PyLong_FromLong(42);
}

static PyMethodDef methods[] = {{"answer", answer, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
