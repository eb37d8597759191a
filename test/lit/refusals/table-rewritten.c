// A method table the module's code may change at run time: PyInit swapping
// in another function, a table handed to a function that may write it. The
// function Python calls by the entry's name may then not be the one the
// initializer names, and a runtime that cannot ask the function object for
// its C function (PyPy's) would bind the wrong core: no such entry gets one.
// A store into a known entry costs only that entry; a write the pass cannot
// place, the whole table. Reads (a loop over the table, the C API's readers,
// a function that returns its address) and docs written at import change no
// function, and their tables' entries are mined.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// -fsanitize=undefined checks each store's alignment and hands the address,
// as an integer, to __ubsan_handle_type_mismatch_v1 to print: that only
// reads the table (before, it cost every entry of shapes.c's table).
// RUN: %clang_pyunbox -O0 -fwrapv -fsanitize=undefined %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fsanitize=undefined %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:

// CHECK-DAG: remark: no core for 'swapped': its entry in the method table 'swapping' may change at run time ('PyInit_m' stores into it), so the function Python calls by this name is not known
// CHECK-DAG: remark: no core for 'registered': its entry in the method table 'registering' may change at run time ('PyInit_m' hands its address to 'register_table'), so the function Python calls by this name is not known
// CHECK-DAG: remark: no core for 'cleared': its entry in the method table 'clearing' may change at run time ('PyInit_m' stores into it), so the function Python calls by this name is not known
// CHECK-DAG: remark: core for 'documented' (METH_O): long pyunbox_core_m_documented(long)
// CHECK-DAG: remark: core for 'looped' (METH_O): long pyunbox_core_m_looped(long)
// CHECK-DAG: remark: core for 'handed' (METH_O): long pyunbox_core_m_handed(long)
// CHECK-DAG: remark: core for 'fixed' (METH_O): long pyunbox_core_m_fixed(long)
// CHECK-DAG: remark: core for 'kept' (METH_O): long pyunbox_core_m_kept(long)
// CHECK-DAG: remark: no core for 'returned': its entry in the method table 'returning' may change at run time ('PyInit_m' stores into it), so the function Python calls by this name is not known
// CHECK-DAG: remark: no core for 'chosen': its entry in the method table 'choosing' may change at run time ('PyInit_m' stores into it), so the function Python calls by this name is not known
// CHECK-DAG: remark: no core for 'renamed': its entry in the method table 'renaming' may change at run time ('fix_names' stores into it), so the function Python calls by this name is not known

// KEY: Name: TableRewritten
// KEY: Function: swapped

#include <string.h>

#include "../Inputs/module.h"

#define INC(name, k)                                                                               \
  static PyObject *name(PyObject *self, PyObject *arg) {                                           \
    long n = PyLong_AsLong(arg);                                                                   \
    if (n == -1 && PyErr_Occurred())                                                               \
      return NULL;                                                                                 \
    return PyLong_FromLong(n + k);                                                                 \
  }
INC(swapped, 1)
INC(other, 2)
INC(registered, 3)
INC(cleared, 4)
INC(documented, 5)
INC(looped, 6)
INC(handed, 7)
INC(fixed, 8)
INC(renamed, 9)
INC(kept, 10)
INC(chosen, 11)
INC(chosen_fast, 12)
INC(returned, 13)

static PyMethodDef swapping[] = {{"swapped", swapped, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef registering[] = {{"registered", registered, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef clearing[] = {{"cleared", cleared, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef documenting[] = {{"documented", documented, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef looping[] = {{"looped", looped, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef handing[] = {{"handed", handed, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef fixing[] = {{"fixed", fixed, METH_O, "swig_ptr: x"}, {NULL, NULL, 0, NULL}};
static PyMethodDef renaming[] = {{"renamed", renamed, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef returning[] = {{"returned", returned, METH_O, NULL}, {NULL, NULL, 0, NULL}};

// The table back from a function of the module, then written.
static PyMethodDef *first_of(PyMethodDef *table) { return table; }

// An implementation chosen at import for the second entry only.
static PyMethodDef choosing[] = {
    {"kept", kept, METH_O, NULL}, {"chosen", chosen, METH_O, NULL}, {NULL, NULL, 0, NULL}};

// SWIG_Python_FixMethods' way: docs rewritten at a computed index.
static void fix_docs(PyMethodDef *methods, const char *doc) {
  for (size_t i = 0; methods[i].ml_name; ++i)
    if (methods[i].ml_doc && strstr(methods[i].ml_doc, "swig_ptr: "))
      methods[i].ml_doc = doc;
}

// The same loop writing the names.
static void fix_names(PyMethodDef *methods, const char *name) {
  for (size_t i = 0; methods[i].ml_name; ++i)
    methods[i].ml_name = name;
}

void register_table(PyMethodDef *table);
extern int fast_mode;

// Another file's PyInit adds this table to its module.
PyMethodDef *handed_methods(void) { return handing; }

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, -1, swapping};

PyMODINIT_FUNC PyInit_m(void) {
  if (fast_mode)
    swapping[0].ml_meth = other;
  register_table(registering);
  if (!fast_mode)
    memset(clearing, 0, sizeof clearing);
  documenting[0].ml_doc = fast_mode ? "fast" : "slow";
  fix_docs(fixing, "fixed doc");
  fix_names(renaming, "renamed2");
  if (fast_mode)
    choosing[1].ml_meth = chosen_fast;
  first_of(returning)->ml_meth = chosen_fast;
  PyObject *m = PyModule_Create(&def);
  if (!m)
    return NULL;
  for (PyMethodDef *d = looping; d->ml_name; d++) {
    PyObject *f = PyCFunction_NewEx(d, NULL, NULL);
    if (!f || PyModule_AddObject(m, d->ml_name, f) < 0)
      return NULL;
  }
  if (PyModule_AddFunctions(m, registering) < 0 || PyModule_AddFunctions(m, clearing) < 0 ||
      PyModule_AddFunctions(m, documenting) < 0 || PyModule_AddFunctions(m, fixing) < 0 ||
      PyModule_AddFunctions(m, renaming) < 0 || PyModule_AddFunctions(m, choosing) < 0 ||
      PyModule_AddFunctions(m, returning) < 0)
    return NULL;
  return m;
}
