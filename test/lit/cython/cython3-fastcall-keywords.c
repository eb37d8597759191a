// Cython 3 makes every def METH_FASTCALL | METH_KEYWORDS, even with one
// argument: values[] collects the argument from args or, with keywords, from
// the kwnames tuple (__Pyx_GetKwValue_FASTCALL). Cython 3 is not packaged
// here, so this mirrors its generated wrapper by hand. Without keywords
// (kwnames NULL, the call a core stands for) values[0] is args[0]; SROA
// splits values[], and the keyword machinery is never reached.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

// REMARK: remark: core for 'inc' (METH_FASTCALL): long pyunbox_core_cymod_inc(long)

// IR-LABEL: define {{.*}}i64 @pyunbox_core_cymod_inc(i64 noundef %0)
// IR-NEXT:    %[[R:.*]] = add nsw i64 %0, 1
// IR-NEXT:    ret i64 %[[R]]

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *__pyx_n_s_x;

/* Cython's helpers, reduced to what the wrapper's shape needs. */
static long __Pyx_PyInt_As_long(PyObject *x) { return PyLong_AsLong(x); }
static PyObject *__Pyx_PyInt_From_long(long v) { return PyLong_FromLong(v); }
static PyObject *__Pyx_GetKwValue_FASTCALL(PyObject *kwnames, PyObject *const *kwvalues,
                                           PyObject *name) {
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++)
    if (PyTuple_GET_ITEM(kwnames, i) == name)
      return kwvalues[i];
  return NULL;
}
static void __Pyx_RaiseArgtupleInvalid(const char *func, Py_ssize_t found) {
  PyErr_Format(PyExc_TypeError, "%s() takes exactly 1 positional argument (%zd given)", func,
               found);
}

static PyObject *__pyx_pf_5cymod_inc(PyObject *self, long x) {
  return __Pyx_PyInt_From_long(x + 1);
}

static PyObject *__pyx_pw_5cymod_1inc(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                      PyObject *kwds) {
  long x;
  PyObject *values[1] = {0};
  PyObject *const *kwvalues = args + nargs;
  if (kwds) {
    Py_ssize_t kw_args = PyTuple_GET_SIZE(kwds);
    switch (nargs) {
    case 1: values[0] = args[0];
    case 0: break;
    default: goto argtuple_error;
    }
    if (nargs == 0) {
      if ((values[0] = __Pyx_GetKwValue_FASTCALL(kwds, kwvalues, __pyx_n_s_x)) != 0)
        kw_args--;
      else
        goto argtuple_error;
    }
    if (kw_args > 0)
      goto argtuple_error;
  } else if (__builtin_expect(nargs != 1, 0)) {
    goto argtuple_error;
  } else {
    values[0] = args[0];
  }
  x = __Pyx_PyInt_As_long(values[0]);
  if (__builtin_expect(x == -1 && PyErr_Occurred(), 0))
    return NULL;
  return __pyx_pf_5cymod_inc(self, x);
argtuple_error:
  __Pyx_RaiseArgtupleInvalid("inc", nargs);
  return NULL;
}

static PyMethodDef __pyx_mdef_5cymod_1inc = {
    "inc", (PyCFunction)(void (*)(void))__pyx_pw_5cymod_1inc, METH_FASTCALL | METH_KEYWORDS, 0};
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cymod", NULL, -1, methods};
PyMODINIT_FUNC PyInit_cymod(void) {
  PyObject *m = PyModule_Create(&module);
  PyObject *f = PyCFunction_New(&__pyx_mdef_5cymod_1inc, NULL);
  if (m && f)
    PyModule_AddObject(m, "inc", f);
  return m;
}
