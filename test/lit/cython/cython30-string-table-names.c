// Cython 3.0 keeps a def's parameter names in fields of its module state
// (__pyx_mstate_global->__pyx_n_s_a), reached through a pointer that nothing
// writes after its initializer (&__pyx_mstate_global_static). At import,
// __Pyx_CreateStringTabAndInitStrings builds a table of {&field, "text", ...}
// entries on the stack and __Pyx_InitStrings makes each field's str from its
// text. The wrapper hands its keyword parser a local array of the fields'
// addresses. The pass pairs each field with the text of its entry
// (KeywordNames.cpp), so the record names a and b.
// Reduced by hand from Cython 3.0.12's output for
//     def add(long a, long b): return a + b
// (cython-versions tests build the real thing where scripts/cython_versions.sh
// exported 3.0).
//
// With -DWRITTEN the module also writes the pointer: what it points at is
// then not known, and the record names no parameter.
// RUN: %clang_pyunbox -O0 -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -DWRITTEN -Rpass-analysis=pyunbox -c %s -o %t.w.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.w.o | FileCheck %s --check-prefix=NONAMES

// CHECK: "python_name": "add", {{.*}}"param_names": ["a", "b"]
// REMARK: remark: the record of 'add' names no parameter: its array of names points at no variable
// NONAMES: "python_name": "add", {{.*}}"param_names": [null, null]

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject *__pyx_d;
  PyObject *__pyx_n_s_a;
  PyObject *__pyx_n_s_add;
  PyObject *__pyx_n_s_b;
} __pyx_mstate;
static __pyx_mstate __pyx_mstate_global_static;
static __pyx_mstate *__pyx_mstate_global = &__pyx_mstate_global_static;
#define __pyx_n_s_a __pyx_mstate_global->__pyx_n_s_a
#define __pyx_n_s_add __pyx_mstate_global->__pyx_n_s_add
#define __pyx_n_s_b __pyx_mstate_global->__pyx_n_s_b

typedef struct {
  PyObject **p;
  const char *s;
  const Py_ssize_t n;
  const char *encoding;
  const char is_unicode;
  const char is_str;
  const char intern;
} __Pyx_StringTabEntry;

static const char __pyx_k_a[] = "a";
static const char __pyx_k_add[] = "add";
static const char __pyx_k_b[] = "b";

static int __Pyx_InitStrings(__Pyx_StringTabEntry *t) {
  while (t->p) {
    PyObject *str = PyUnicode_InternFromString(t->s);
    if (!str)
      return -1;
    *t->p = str;
    if (PyObject_Hash(str) == -1)
      return -1;
    ++t;
  }
  return 0;
}

static int __Pyx_CreateStringTabAndInitStrings(void) {
  __Pyx_StringTabEntry __pyx_string_tab[] = {
      {&__pyx_n_s_a, __pyx_k_a, sizeof(__pyx_k_a), 0, 0, 1, 1},
      {&__pyx_n_s_add, __pyx_k_add, sizeof(__pyx_k_add), 0, 0, 1, 1},
      {&__pyx_n_s_b, __pyx_k_b, sizeof(__pyx_k_b), 0, 0, 1, 1},
      {0, 0, 0, 0, 0, 0, 0}};
  return __Pyx_InitStrings(__pyx_string_tab);
}

/* Cython's helpers, reduced to what the wrapper's shape needs. */
static long __Pyx_PyInt_As_long(PyObject *x) { return PyLong_AsLong(x); }
static int __Pyx_ParseOptionalKeywords(PyObject *kwds, PyObject *const *kwvalues,
                                       PyObject **argnames[], PyObject *kwds2, PyObject *values[],
                                       Py_ssize_t num_pos_args, const char *function_name) {
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwds); i++)
    for (PyObject ***name = argnames; *name; name++)
      if (PyTuple_GET_ITEM(kwds, i) == **name)
        values[name - argnames] = kwvalues[i];
  return 0;
}

static PyObject *__pyx_pf_5cymod_add(PyObject *self, long a, long b) {
  return PyLong_FromLong(a + b);
}

static PyObject *__pyx_pw_5cymod_add(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                     PyObject *kwds) {
  long a, b;
  PyObject *values[2] = {0, 0};
  PyObject *const *kwvalues = args + nargs;
  {
    PyObject **__pyx_pyargnames[] = {&__pyx_n_s_a, &__pyx_n_s_b, 0};
    if (kwds) {
      switch (nargs) {
      case 2: values[1] = args[1];
      case 1: values[0] = args[0];
      case 0: break;
      default: goto argtuple_error;
      }
      if (__Pyx_ParseOptionalKeywords(kwds, kwvalues, __pyx_pyargnames, 0, values + 0, nargs,
                                      "add") < 0)
        return NULL;
      if (!values[0] || !values[1])
        goto argtuple_error;
    } else if (nargs != 2) {
      goto argtuple_error;
    } else {
      values[0] = args[0];
      values[1] = args[1];
    }
    a = __Pyx_PyInt_As_long(values[0]);
    if (a == -1 && PyErr_Occurred())
      return NULL;
    b = __Pyx_PyInt_As_long(values[1]);
    if (b == -1 && PyErr_Occurred())
      return NULL;
  }
  return __pyx_pf_5cymod_add(self, a, b);
argtuple_error:
  PyErr_SetString(PyExc_TypeError, "add() takes exactly 2 positional arguments");
  return NULL;
}

static PyMethodDef __pyx_mdef_add = {"add", (PyCFunction)(void (*)(void))__pyx_pw_5cymod_add,
                                     METH_FASTCALL | METH_KEYWORDS, 0};

static struct PyModuleDef cymod_module = {PyModuleDef_HEAD_INIT, "cymod", NULL, -1, NULL};

PyMODINIT_FUNC PyInit_cymod(void) {
#ifdef WRITTEN
  static __pyx_mstate other;
  __pyx_mstate_global = &other;
#endif
  if (__Pyx_CreateStringTabAndInitStrings() < 0)
    return NULL;
  PyObject *m = PyModule_Create(&cymod_module);
  if (m && PyModule_AddObject(m, "add", PyCFunction_New(&__pyx_mdef_add, NULL)) < 0)
    return NULL;
  return m;
}
