// A module's function whose work calls code outside this module (it may use
// the interpreter): the core does the same with the GIL held (pyerr,
// needs_interpreter) and then checks its result as CPython checks a
// builtin's (_Py_CheckFunctionResult): a value returned with an exception
// set becomes a SystemError from it; the message names the function as its
// repr does. _PyErr_FormatFromCause is not in the stable ABI: it is
// referenced weakly, and where it is missing the SystemError has no cause.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'wrap' (METH_O): long pyunbox_core_m_wrap(long); raises itself, needs the GIL
// RECORD: "needs_interpreter": true, "memory": "write", "errors": "pyerr"

// IR: @[[MSG:.*]] = {{.*}} c"<built-in function wrap> returned a result with an exception set\00"
// IR-LABEL: define {{.*}}i64 @pyunbox_core_m_wrap(i64 noundef %0)
// IR: call i64 @mystery(i64 noundef %0)
// IR: call ptr @PyErr_Occurred()
// IR: load ptr, ptr @PyExc_SystemError
// IR: call ptr (ptr, ptr, ...) @_PyErr_FormatFromCause(ptr {{.*}}, ptr {{.*}}@[[MSG]])
// IR: ret i64
// IR: declare extern_weak ptr @_PyErr_FormatFromCause(ptr, ptr, ...)

#include "../Inputs/module.h"

long mystery(long);

static PyObject *wrap(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(mystery(n));
}

DEFINE_MODULE(m, {"wrap", wrap, METH_O, NULL})
